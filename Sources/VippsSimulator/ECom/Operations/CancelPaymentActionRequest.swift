/// The cancel body as sent (`CancelPaymentActionRequest`): `merchantInfo`, a `transaction` with only a
/// `transactionText`, and the optional `shouldReleaseRemainingFunds`. An `amount` in `transaction` is
/// ignored: cancel has none.
struct CancelPaymentActionRequest: Decodable {
    struct Transaction: Decodable {
        var transactionText: String?
    }

    var merchantInfo: PaymentActionsRequest.MerchantInfo?
    var transaction: Transaction?
    var shouldReleaseRemainingFunds: Bool?
}
