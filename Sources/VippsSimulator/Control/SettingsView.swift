/// The body of `GET` and `POST /sim/v1/settings`: the runtime settings as they now are.
struct SettingsView: Encodable {
    let rateLimits: Bool
    let merchants: [String: MerchantSettings]
}
