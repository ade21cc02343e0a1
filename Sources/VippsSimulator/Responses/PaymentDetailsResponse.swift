/// `TransactionDetails`, the body of `/details`. `transactionSummary` is left out until the user has
/// reacted (reference §4.5); express and profile fields come with those flows.
struct PaymentDetailsResponse: Encodable {
    let orderId: String
    let transactionLogHistory: [TransactionLogHistoryItem]
    let transactionSummary: TransactionSummary?

    init(_ payment: Payment) {
        orderId = payment.orderId
        transactionLogHistory = TransactionLogHistoryItem.history(of: payment)
        transactionSummary = payment.summary
    }
}
