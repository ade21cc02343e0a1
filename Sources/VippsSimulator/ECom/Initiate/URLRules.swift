import Foundation

/// URL checks for the URLs a merchant hands over at initiate.
///
/// Deliberate, friendly deviation from Vipps: Vipps demands HTTPS and public DNS names on common ports
/// for `callbackPrefix`, `fallBack`, `consentRemovalPrefix` and `shippingDetailsPrefix` (reference §5.1).
/// The simulator also accepts `http://` and any host and port, because the shop under test runs on
/// loopback, often without TLS. `fallBack` may also use a custom scheme (`myapp://result`), as at Vipps.
enum URLRules {
    static let maximumLength = 255

    /// An absolute `http://` or `https://` URL with a host.
    static func isWebURL(_ string: String) -> Bool {
        guard !string.contains(where: \.isWhitespace), let components = URLComponents(string: string),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// A web URL or a URL with an app's own scheme (`myapp://…`).
    static func isWebOrAppURL(_ string: String) -> Bool {
        if isWebURL(string) { return true }
        guard !string.contains(where: \.isWhitespace), let components = URLComponents(string: string),
              let scheme = components.scheme, !scheme.isEmpty
        else { return false }
        return string.count > scheme.count + 1
    }
}
