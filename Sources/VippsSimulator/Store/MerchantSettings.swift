/// What Vipps configures per sales unit rather than per request.
public struct MerchantSettings: Sendable, Equatable, Codable {
    /// Whitelisting for `skipLandingPage` (Merchant error 38 without it).
    public var maySkipLandingPage: Bool
    /// Direct capture: an approval captures at once and the log shows SALE instead of RESERVE
    /// (docs/ecom-v2.md#direct-capture). A sales-unit setting at Vipps, never a request flag in eCom.
    public var directCapture: Bool

    init(maySkipLandingPage: Bool = false, directCapture: Bool = false) {
        self.maySkipLandingPage = maySkipLandingPage
        self.directCapture = directCapture
    }
}

extension PaymentStore {
    func isKnownMerchant(_ merchantSerialNumber: String) -> Bool {
        state.withLock { $0.merchants[merchantSerialNumber] != nil }
    }

    func settings(forMerchant merchantSerialNumber: String) -> MerchantSettings? {
        state.withLock { $0.merchants[merchantSerialNumber] }
    }

    /// Every configured sales unit's settings.
    func allMerchantSettings() -> [String: MerchantSettings] {
        state.withLock { $0.merchants }
    }

    public func updateSettings(forMerchant merchantSerialNumber: String, _ update: (inout MerchantSettings) -> Void) {
        change { state in
            guard var settings = state.merchants[merchantSerialNumber] else { return }
            update(&settings)
            state.merchants[merchantSerialNumber] = settings
        }
    }
}
