import Crypto
import Foundation

/// The signature Vipps puts on every webhook request (docs/webhooks-and-userinfo.md, "Signature"):
/// an HMAC-SHA256, keyed with the registration's secret as text, over the method, the registered
/// URL's path and query, the date, the URL's authority and the body's SHA-256.
struct WebhookSignature: Sendable, Equatable {
    /// `x-ms-date`, RFC 1123.
    let date: String
    /// `x-ms-content-sha256`: base64 of the body's SHA-256.
    let contentHash: String
    /// `Authorization` (and `X-Vipps-Authorization`).
    let authorization: String

    static let signedHeaders = "x-ms-date;host;x-ms-content-sha256"

    /// Nil when `url` has no host: registration only accepts absolute URLs, so this does not happen.
    init?(secret: String, url: String, date: String, body: [UInt8]) {
        guard let target = Self.pathAndQueryAndHost(of: url) else { return nil }
        self.date = date
        contentHash = Data(SHA256.hash(data: body)).base64EncodedString()
        let stringToSign = "POST\n\(target.pathAndQuery)\n\(date);\(target.host);\(contentHash)"
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(stringToSign.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        authorization = "HMAC-SHA256 SignedHeaders=\(Self.signedHeaders)&Signature=\(Data(mac).base64EncodedString())"
    }

    /// The path (`/` when there is none) plus `?query`, and the host with `:port` only when the port
    /// is not the scheme's default — what a JavaScript `URL` gives as `pathname + search` and `host`.
    static func pathAndQueryAndHost(of url: String) -> (pathAndQuery: String, host: String)? {
        guard let components = URLComponents(string: url), let host = components.percentEncodedHost,
            !host.isEmpty
        else { return nil }
        let scheme = components.scheme?.lowercased()
        let defaultPort = scheme == "https" ? 443 : scheme == "http" ? 80 : nil
        var authority = host.lowercased()
        if let port = components.port, port != defaultPort { authority += ":\(port)" }
        var pathAndQuery = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { pathAndQuery += "?" + query }
        return (pathAndQuery, authority)
    }

    /// RFC 1123 in GMT, e.g. `Thu, 30 Mar 2023 08:38:32 GMT`: fixed English names, whatever the locale.
    static func httpDate(_ date: Date) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT") ?? .gmt
        let fields = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let digits = String(value ?? 0)
            return digits.count < 2 ? "0" + digits : digits
        }
        let weekday = days.indices.contains((fields.weekday ?? 1) - 1) ? days[(fields.weekday ?? 1) - 1] : "Sun"
        let month = months.indices.contains((fields.month ?? 1) - 1) ? months[(fields.month ?? 1) - 1] : "Jan"
        return
            "\(weekday), \(two(fields.day)) \(month) \(fields.year ?? 1970) \(two(fields.hour)):\(two(fields.minute)):"
            + "\(two(fields.second)) GMT"
    }
}
