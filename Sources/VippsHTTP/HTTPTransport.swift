/// What the payment client needs from HTTP: one exchange, and how many connections it keeps.
///
/// `HTTPClient` is the one used in production. The seam exists so that the client's retry and
/// outcome rules can be driven in tests by a transport that answers from a script, without a
/// server, a socket or a clock.
package protocol HTTPTransport: Sendable {
    /// Sends `request` to `endpoint` and returns the complete response, whatever its status; throws
    /// `HTTPError` (with `requestMayHaveBeenSent` set truthfully) when no complete response arrived.
    func send(_ request: HTTPRequest, to endpoint: HTTPEndpoint, timeouts: HTTPTimeouts) throws(HTTPError)
        -> HTTPResponse

    /// Idle connections currently kept open (diagnostics and tests).
    var idleConnectionCount: Int { get }
}

extension HTTPClient: HTTPTransport {}
