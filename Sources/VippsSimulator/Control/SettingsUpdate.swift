/// The body of `POST /sim/v1/settings`: `{"rateLimits":true}`, and per sales unit
/// `{"merchants":{"123456":{"directCapture":true,"maySkipLandingPage":false}}}`. Absent fields keep
/// their value.
struct SettingsUpdate: Decodable {
    struct Merchant: Decodable {
        var directCapture: Bool?
        var maySkipLandingPage: Bool?
    }

    var rateLimits: Bool?
    var merchants: [String: Merchant]?
}
