/// `TransactionResponse`, the body of a successful capture. For an idempotent retry `transactionInfo`
/// is the first answer's and `transactionSummary` today's (reference §8).
struct TransactionResponse: Encodable {
    let orderId: String
    let transactionInfo: TransactionInfo
    let transactionSummary: TransactionSummary

    init(capture outcome: OperationOutcome) {
        orderId = outcome.payment.orderId
        transactionInfo = TransactionInfo(outcome.entry, status: .captured)
        transactionSummary = outcome.payment.amounts
    }
}
