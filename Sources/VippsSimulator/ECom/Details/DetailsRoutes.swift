import Hummingbird

/// What a merchant reads about a payment: `GET /ecomm/v2/payments/{orderId}/details` and the
/// deprecated `GET …/{orderId}/status` (docs/ecom-v2.md#details, #status).
struct DetailsRoutes {
    let store: PaymentStore
    let rateLimiter: RateLimiter

    /// `group` is `/ecomm/v2` behind `VippsAuthenticationMiddleware`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.get("payments/:orderId/details") { _, context in try details(context) }
        group.get("payments/:orderId/status") { _, context in try status(context) }
    }

    private func details(_ context: SimulatorRequestContext) throws -> Response {
        let orderId = try context.parameters.require("orderId")
        // Per orderId and subscription key; the simulator has one key.
        try rateLimiter.admit(.details, orderId: orderId, merchantSerialNumber: nil)
        let payment = try store.eComPayment(orderId: orderId, merchantSerialNumber: context.merchantSerialNumber)
        return JSONResponse.make(bytes: try PaymentDetailsResponse(payment).jsonBytes())
    }

    private func status(_ context: SimulatorRequestContext) throws -> Response {
        let orderId = try context.parameters.require("orderId")
        try rateLimiter.admit(.status, orderId: orderId, merchantSerialNumber: nil)
        let payment = try store.eComPayment(orderId: orderId, merchantSerialNumber: context.merchantSerialNumber)
        return try JSONResponse.make(PaymentStatusResponse(payment))
    }
}
