import Synchronization

/// The idempotency keys of captures and refunds whose outcome this client does not know yet, so
/// that a caller who simply repeats such a call without a key of its own repeats the same request
/// (which Vipps applies at most once) instead of sending a second one.
///
/// An entry is keyed by (order id, operation, amount) and holds the X-Request-Id its last call
/// used. It is made when a call without a caller key ends without a clear answer, and dropped
/// when a call with that key gets one (success or a refusal) or when details read through this
/// client show the key in the payment's log. Memory only, per client: at most `capacity`
/// entries, the oldest dropped first.
final class PendingOperations: Sendable {
    struct Operation: Hashable, Sendable {
        let orderId: String
        let action: String
        let amount: Int64
    }

    private struct Entry {
        let key: String
        let serial: UInt64
    }

    private struct State {
        var entries: [Operation: Entry] = [:]
        var serial: UInt64 = 0
    }

    static let capacity = 1_024

    private let state = Mutex(State())

    func key(for operation: Operation) -> String? {
        state.withLock { $0.entries[operation]?.key }
    }

    func remember(_ operation: Operation, key: String) {
        state.withLock { state in
            state.serial &+= 1
            state.entries[operation] = Entry(key: key, serial: state.serial)
            if state.entries.count > Self.capacity,
                let oldest = state.entries.min(by: { $0.value.serial < $1.value.serial })?.key
            {
                state.entries[oldest] = nil
            }
        }
    }

    /// The outcome of the call that used `key` is known.
    func forget(_ operation: Operation, key: String) {
        state.withLock { state in
            if state.entries[operation]?.key == key { state.entries[operation] = nil }
        }
    }

    /// The payment's log shows which requests Vipps processed: their outcome is known.
    func resolve(orderId: String, seenRequestIds: [String]) {
        state.withLock { state in
            guard !state.entries.isEmpty else { return }
            let seen = Set(seenRequestIds.filter { !$0.isEmpty })
            guard !seen.isEmpty else { return }
            state.entries = state.entries.filter { $0.key.orderId != orderId || !seen.contains($0.value.key) }
        }
    }
}
