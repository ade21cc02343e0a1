import Hummingbird

/// `GET /sim/v1/callbacks[?orderId=…]`: every call the simulator made to the shop (payment-update
/// callbacks, consent removals, shipping-details requests), oldest first, with the shop's status or
/// the error. `pending` counts calls still under way, so a test can wait until it is 0.
struct CallbackControlRoutes {
    let log: ShopCallLog

    private struct Listing: Encodable {
        let callbacks: [ShopCallAttempt]
        let pending: Int
    }

    /// `group` is `/sim/v1`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.get("callbacks") { request, _ in
            let orderId = request.uri.queryParameters["orderId"].map(String.init)
            let (attempts, pending) = log.attempts(orderId: orderId)
            return try JSONResponse.make(Listing(callbacks: attempts, pending: pending))
        }
    }
}
