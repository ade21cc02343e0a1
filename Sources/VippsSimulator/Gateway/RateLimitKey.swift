/// What Vipps counts a rate limit against (reference §10): the endpoint plus orderId and MSN (initiate,
/// capture, cancel, refund) or orderId and subscription key (details, status). The simulator has one
/// subscription key, so for details and status the MSN part is empty.
struct RateLimitKey: Hashable, Sendable {
    var endpoint: VippsEndpoint
    var merchantSerialNumber: String
    var orderId: String
}
