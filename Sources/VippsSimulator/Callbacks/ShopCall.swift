import NIOHTTP1

/// One request the simulator makes to the shop, as "Vipps" would.
struct ShopCall: Sendable {
    var kind: ShopCallKind
    var orderId: String
    var method: HTTPMethod
    var url: String
    /// The initiate request's `authToken`, sent verbatim; never recorded or logged.
    var authorization: String?
    var body: String?
    /// docs/ecom-v2.md#payment-update-callback: 3 s for callbacks; docs/ecom-v2.md#shipping-details: 10 s for shipping
    /// details.
    var timeoutSeconds: Int64
}

/// What a call to the shop was for, as `GET /sim/v1/callbacks` names it.
enum ShopCallKind: String, Sendable, Encodable {
    case paymentUpdate = "payment-update"
    case shippingDetails = "shipping-details"
    case consentRemoval = "consent-removal"
}

/// One delivery attempt to the shop and its result, as `GET /sim/v1/callbacks` lists it. Holds no
/// header values: the `Authorization` header carries the shop's authToken, which must never be shown.
struct ShopCallAttempt: Sendable, Encodable {
    let kind: ShopCallKind
    let orderId: String
    let method: String
    let url: String
    /// 1 for the first attempt; more only with `--callback-retries`.
    let attempt: Int
    /// Whether an `Authorization` header (the authToken) was sent; its value is never recorded.
    let authorization: Bool
    /// The shop's HTTP status, or nil when no response arrived (see `error`).
    let status: Int?
    /// Why no response arrived: timeout, connection refused, …
    let error: String?
    let durationMs: Int
    /// When it was sent, on the simulator's clock (which the control API may have advanced).
    let sentAt: String
    /// The request body sent, if any.
    let body: String?
}
