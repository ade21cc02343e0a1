import Hummingbird

/// The eCom v2 API under `/ecomm/v2`, behind the gateway's checks: initiate, details and status,
/// capture, refund and cancel, and the test environment's force approve. Each feature's routes are in
/// its folder beside this file.
struct EComRoutes {
    let store: PaymentStore
    let tokens: AccessTokens
    let subscriptionKey: String
    let rateLimiter: RateLimiter
    let publicBaseURL: PublicBaseURL
    let callbacks: PaymentCallbacks
    /// Accept capture and refund amounts below Vipps' minimum of 100 øre.
    let allowSmallAmounts: Bool

    func add(to router: Router<SimulatorRequestContext>) {
        let ecom = router.group("ecomm/v2")
            .add(
                middleware: VippsAuthenticationMiddleware(
                    subscriptionKey: subscriptionKey, tokens: tokens, store: store))
        InitiateRoutes(store: store, rateLimiter: rateLimiter, publicBaseURL: publicBaseURL).add(to: ecom)
        DetailsRoutes(store: store, rateLimiter: rateLimiter).add(to: ecom)
        PaymentOperationRoutes(store: store, rateLimiter: rateLimiter, allowSmallAmounts: allowSmallAmounts).add(
            to: ecom)
        ForceApproveRoutes(store: store, callbacks: callbacks).add(to: ecom)
    }
}
