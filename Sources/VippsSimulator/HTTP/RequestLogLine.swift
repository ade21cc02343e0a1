import Hummingbird

/// The request log line: method, path, status, duration — e.g. `POST /ecomm/v2/payments 200 3.1ms`.
/// Deliberately nothing else: no headers, no query, no body, which is where secrets travel
/// (client secret, subscription key, access token, `authToken`, landing token).
enum RequestLogLine {
    static func make(method: HTTPRequest.Method, path: String, status: HTTPResponse.Status, duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenthsOfMilliseconds = seconds * 10_000 + attoseconds / 100_000_000_000_000
        return "\(method.rawValue) \(path) \(status.code) \(tenthsOfMilliseconds / 10).\(tenthsOfMilliseconds % 10)ms"
    }
}
