/// The `url` initiate returns: the landing page on the simulator itself, or, with `isApp`, the test
/// app's deeplink (`vippsMT://`, as the test environment answers; reference §1).
enum LandingURL {
    static let path = "/dwo-api-application/v1/deeplink/vippsgateway"

    static func make(baseURL: String, landingToken: String, isApp: Bool) -> String {
        isApp ? "vippsMT://?token=\(landingToken)" : "\(baseURL)\(path)?v=2&token=\(landingToken)"
    }
}
