import Hummingbird

/// The request log line: method, path, status, duration — e.g. `POST /ecomm/v2/payments 200 3.1ms`.
/// Deliberately nothing else: no headers, no query, no body, which is where secrets travel
/// (client secret, subscription key, access token, `authToken`, landing token).
///
/// A request hit by injected faults gets them appended (`… 500 0.4ms fault=error-after`); a dropped
/// connection has status `000`, as curl reports "no response".
enum RequestLogLine {
    static func make(
        method: HTTPRequest.Method,
        path: String,
        status: HTTPResponse.Status?,
        duration: Duration,
        faults: String? = nil
    ) -> String {
        let (seconds, attoseconds) = duration.components
        let tenthsOfMilliseconds = seconds * 10_000 + attoseconds / 100_000_000_000_000
        let statusText = status.map { String($0.code) } ?? "000"
        let line = "\(method.rawValue) \(path) \(statusText) \(tenthsOfMilliseconds / 10).\(tenthsOfMilliseconds % 10)ms"
        return faults.map { "\(line) fault=\($0)" } ?? line
    }
}
