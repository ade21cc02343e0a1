import Hummingbird

/// The user's side as web pages: the landing page initiate's `url` points at, and a "phone" page per
/// number standing in for the Vipps app. No authentication, like the rest of the simulator's own pages.
struct UserSideRoutes {
    let store: PaymentStore
    let callbacks: PaymentCallbacks
    let shopCaller: ShopCaller

    func add(to router: Router<SimulatorRequestContext>) {
        LandingPageRoutes(store: store).add(to: router)
        PhonePageRoutes(store: store, callbacks: callbacks, shipping: ShippingOptions(caller: shopCaller), shopCaller: shopCaller)
            .add(to: router)
    }
}
