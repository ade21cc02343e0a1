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
