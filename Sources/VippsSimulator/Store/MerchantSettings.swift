/// What Vipps configures per sales unit rather than per request.
public struct MerchantSettings: Sendable, Equatable, Codable {
    /// Whitelisting for `skipLandingPage` (Merchant error 38 without it).
    public var maySkipLandingPage: Bool
    /// Direct capture: an approval captures at once and the log shows SALE instead of RESERVE
    /// (reference §6.5). A sales-unit setting at Vipps, never a request flag in eCom.
    public var directCapture: Bool

    public init(maySkipLandingPage: Bool = false, directCapture: Bool = false) {
        self.maySkipLandingPage = maySkipLandingPage
        self.directCapture = directCapture
    }
}
