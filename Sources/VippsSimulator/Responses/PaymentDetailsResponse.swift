/// `TransactionDetails`, the body of `/details`. `transactionSummary` is left out until the user has
/// reacted (reference §4.5); `shippingDetails` and `userDetails` appear once the user approved an
/// express payment (a userinfo `scope` payment gets `userDetails` too, as its callback does).
struct PaymentDetailsResponse: Encodable {
    let orderId: String
    let shippingDetails: DetailsShippingDetails?
    let transactionLogHistory: [TransactionLogHistoryItem]
    let transactionSummary: TransactionSummary?
    let userDetails: ExpressUserDetails?

    init(_ payment: Payment) {
        orderId = payment.orderId
        shippingDetails = payment.expressChoice.map(DetailsShippingDetails.init)
        transactionLogHistory = TransactionLogHistoryItem.history(of: payment)
        transactionSummary = payment.summary
        let sharesDetails = payment.initiation.paymentType == .express || payment.initiation.scope != nil
        userDetails = sharesDetails && payment.wasReserved ? payment.customerPhoneNumber.map(ExpressUserDetails.canned) : nil
    }
}
