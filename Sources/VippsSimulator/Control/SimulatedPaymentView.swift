/// A payment as the control API lists it: everything a test harness wants at a glance, and nothing
/// secret (no `authToken`).
struct SimulatedPaymentView: Encodable {
    let merchantSerialNumber: String
    let orderId: String
    /// The last successful operation (INITIATE, RESERVE, …).
    let state: TransactionOperation
    let paymentType: PaymentType
    let amount: Int
    let transactionText: String
    let url: String
    /// The number the landing page sent the push to (its phone page is `/sim/v1/phone/{number}`);
    /// absent before that.
    let pushedTo: String?
    /// All zeros until the user has reacted (where `/details` leaves the summary out).
    let transactionSummary: TransactionSummary
    let transactionLogHistory: [TransactionLogHistoryItem]

    init(_ payment: Payment) {
        merchantSerialNumber = payment.merchantSerialNumber
        orderId = payment.orderId
        state = payment.state
        paymentType = payment.initiation.paymentType
        amount = payment.initiation.amount
        transactionText = payment.initiation.transactionText
        url = payment.url
        pushedTo = payment.pushedTo
        transactionSummary = payment.amounts
        transactionLogHistory = TransactionLogHistoryItem.history(of: payment)
    }
}
