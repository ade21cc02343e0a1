/// The scope of an `X-Request-Id` within one payment: "unique for orderId, merchantSerialNumber and
/// endpoint" (reference §8). The payment itself supplies the MSN and orderId, so the same id may be
/// used again on another order, or on refund after capture.
struct IdempotencyKey: Hashable, Sendable, Codable {
    /// `.capture` or `.refund`: the endpoint.
    var operation: TransactionOperation
    var requestId: String
}
