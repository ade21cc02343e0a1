/// `PaymentInitiationResponse`: the orderId and the landing page URL (or app deeplink).
struct PaymentInitiationResponse: Encodable {
    let orderId: String
    let url: String
}
