/// `CancelTransactionResponse`. Both examples of the guide — a plain cancel and the release of a
/// remainder — show the payment's original amount, not the amount released, so `transactionInfo.amount`
/// is that; the log line (VOID/CANCEL) carries what was actually released.
struct CancelTransactionResponse: Encodable {
    let orderId: String
    let transactionInfo: TransactionInfo
    let transactionSummary: TransactionSummary

    init(_ outcome: OperationOutcome) {
        orderId = outcome.payment.orderId
        transactionInfo = TransactionInfo(outcome.entry, status: .cancelled, amount: outcome.payment.initiation.amount)
        transactionSummary = outcome.payment.amounts
    }
}
