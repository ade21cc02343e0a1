/// What a successful capture or refund did, kept under its idempotency key so that a retry gets the
/// same answer instead of a second operation.
struct IdempotentResult: Sendable, Equatable, Codable {
    /// The request as first made, to tell a retry (same request) from a misuse of the key (VippsError 93).
    let action: PaymentAction
    /// The log line it wrote; a retry answers with it again.
    let entry: TransactionLogEntry
}
