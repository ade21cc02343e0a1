/// The amounts of `/details` (`transactionSummary`), derived from the log as docs/ecom-v2.md#amounts says:
/// R reserved, C captured, F refunded. `remainingAmountToRefund` is C − F also after a partial capture:
/// the old guide's example with 0 there contradicts every other example (docs/ecom-v2.md#summary-example).
struct TransactionSummary: Sendable, Equatable, Codable {
    var capturedAmount: Int
    var remainingAmountToCapture: Int
    var refundedAmount: Int
    var remainingAmountToRefund: Int

    init(capturedAmount: Int, remainingAmountToCapture: Int, refundedAmount: Int, remainingAmountToRefund: Int) {
        self.capturedAmount = capturedAmount
        self.remainingAmountToCapture = remainingAmountToCapture
        self.refundedAmount = refundedAmount
        self.remainingAmountToRefund = remainingAmountToRefund
    }

    /// `nil` while the user has not reacted yet: Vipps leaves `transactionSummary` out until then.
    init?(log: [TransactionLogEntry]) {
        guard log.contains(where: { $0.operation != .initiate }) else { return nil }
        let successful = log.filter(\.operationSuccess)
        func total(_ operations: Set<TransactionOperation>) -> Int {
            successful.filter { operations.contains($0.operation) }.reduce(0) { $0 + $1.amount }
        }
        let reserved = total([.reserve, .sale])
        let captured = total([.capture, .sale])
        let refunded = total([.refund])
        // A void releases whatever was not captured, and a direct-capture sale leaves nothing to capture.
        let nothingLeftToCapture = successful.contains { $0.operation == .void || $0.operation == .sale }
        capturedAmount = captured
        remainingAmountToCapture = nothingLeftToCapture ? 0 : max(reserved - captured, 0)
        refundedAmount = refunded
        remainingAmountToRefund = captured - refunded
    }
}
