import Synchronization

/// The payments an ePayment modification is working on, from the moment it arrives until it has
/// answered. A second modification of the same payment meanwhile is refused with 6160 ("Order
/// locked and is already processing"), as at Vipps, and may be retried with the same key; the
/// store's lock alone would instead make it wait and then apply it.
final class PaymentsInProgress: Sendable {
    private let keys = Mutex<Set<PaymentKey>>([])

    init() {}

    /// Runs `work` with the payment marked busy, or throws 6160 when it is busy already.
    func exclusively<T>(_ key: PaymentKey, _ work: () async throws -> T) async throws -> T {
        let inserted = keys.withLock { $0.insert(key).inserted }
        guard inserted else { throw EPaymentProblem.orderProcessing() }
        defer { keys.withLock { _ = $0.remove(key) } }
        return try await work()
    }
}
