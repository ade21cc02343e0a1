/// The capture and refund body as sent (`PaymentActionsRequest`):
/// `{"merchantInfo":{"merchantSerialNumber":"123456"},"transaction":{"amount":20000,"transactionText":"…"}}`.
/// All optional, as for initiate: decoding checks JSON types, `PaymentActionValidator` the rest. A JSON
/// `null` amount decodes as absent, which is what the guide means by it (a full capture or refund).
struct PaymentActionsRequest: Decodable {
    struct MerchantInfo: Decodable {
        var merchantSerialNumber: String?
    }

    struct Transaction: Decodable {
        var amount: Int?
        var transactionText: String?
    }

    var merchantInfo: MerchantInfo?
    var transaction: Transaction?
}
