/// What Vipps configures per sales unit rather than per request.
public struct MerchantSettings: Sendable, Equatable {
    /// Whitelisting for `skipLandingPage` (Merchant error 38 without it). v0 never grants it; the control
    /// API will be able to.
    public var maySkipLandingPage: Bool

    public init(maySkipLandingPage: Bool = false) {
        self.maySkipLandingPage = maySkipLandingPage
    }
}
