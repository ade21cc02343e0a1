/// One payment's books for the control API (`GET /sim/v1/payments/{orderId}`): the state, the amounts
/// of docs/ecom-v2.md#amounts under short names, the log oldest first (the order a test reads a story in; `/details`
/// has it newest first), and how many capture/refund/cancel requests arrived for the orderId.
struct PaymentLedgerView: Encodable {
    let merchantSerialNumber: String
    let orderId: String
    /// The last successful operation, as `/status` reports it.
    let state: TransactionOperation
    let reserved: Int
    let captured: Int
    let refunded: Int
    let remainingToCapture: Int
    let remainingToRefund: Int
    let log: [TransactionLogHistoryItem]
    let requests: RequestCounts

    init(_ payment: Payment, requests: RequestCounts) {
        merchantSerialNumber = payment.merchantSerialNumber
        orderId = payment.orderId
        state = payment.state
        let amounts = payment.amounts
        reserved = payment.reservedAmount
        captured = amounts.capturedAmount
        refunded = amounts.refundedAmount
        remainingToCapture = amounts.remainingAmountToCapture
        remainingToRefund = amounts.remainingAmountToRefund
        log = payment.log.map(TransactionLogHistoryItem.init)
        self.requests = requests
    }
}
