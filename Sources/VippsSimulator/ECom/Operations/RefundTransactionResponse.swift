/// `RefundTransactionResponse`. Its key is `transaction`, where capture and cancel say
/// `transactionInfo` (reference §4.4, §15.5): faithfully so, as clients must handle both.
struct RefundTransactionResponse: Encodable {
    let orderId: String
    let transaction: TransactionInfo
    let transactionSummary: TransactionSummary

    init(_ outcome: OperationOutcome) {
        orderId = outcome.payment.orderId
        transaction = TransactionInfo(outcome.entry, status: .refund)
        transactionSummary = outcome.payment.amounts
    }
}
