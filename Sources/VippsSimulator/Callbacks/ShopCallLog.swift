import Synchronization

/// Every call to the shop the simulator made, oldest first, and how many are still under way, so that
/// a test can wait for a callback that is sent in the background.
final class ShopCallLog: Sendable {
    private struct State {
        var attempts: [ShopCallAttempt] = []
        var pending = 0
    }

    private let state = Mutex(State())

    init() {}

    func started() { state.withLock { $0.pending += 1 } }
    func finished() { state.withLock { $0.pending -= 1 } }

    func record(_ attempt: ShopCallAttempt) {
        state.withLock { $0.attempts.append(attempt) }
    }

    func attempts(orderId: String?) -> (attempts: [ShopCallAttempt], pending: Int) {
        state.withLock { state in
            (state.attempts.filter { orderId == nil || $0.orderId == orderId }, state.pending)
        }
    }

    /// Forgets the recorded attempts; calls still under way will record theirs when they end.
    func reset() {
        state.withLock { $0.attempts = [] }
    }
}
