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
    /// Reference §5.2: 3 s for callbacks; §5.3: 10 s for shipping details.
    var timeoutSeconds: Int64
}
