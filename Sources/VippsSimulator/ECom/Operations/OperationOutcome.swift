/// The result of a capture, refund or cancel: the payment afterwards and the log line that answers
/// the request (for an idempotent retry, the line written the first time).
public struct OperationOutcome: Sendable, Equatable {
    public let payment: Payment
    public let entry: TransactionLogEntry
    /// True when this was an idempotent retry that changed nothing.
    public let isReplay: Bool
}
