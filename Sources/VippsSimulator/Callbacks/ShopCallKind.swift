/// What a call to the shop was for, as `GET /sim/v1/callbacks` names it.
enum ShopCallKind: String, Sendable, Encodable {
    case paymentUpdate = "payment-update"
    case shippingDetails = "shipping-details"
    case consentRemoval = "consent-removal"
}
