/// A blocking HTTP/1.1 client with a keep-alive connection pool, shared safely by threads.
///
/// It starts no threads and uses no Dispatch or Swift concurrency (a host process may fork at any
/// time); every wait is a poll bounded by the request's deadlines.
public final class HTTPClient: Sendable {
    private let tls: TLSContext?
    private let pool = ConnectionPool()

    /// - Parameter tls: required for https endpoints; nil allows only http endpoints.
    public init(tls: TLSContext?) {
        self.tls = tls
    }

    deinit { pool.closeAll() }

    /// Sends `request` to `endpoint` and returns the complete response, whatever its status.
    ///
    /// Throws `HTTPError` when no complete response arrived. A request that is safe to resend is
    /// retried once on a fresh connection when a pooled connection turns out to have been closed
    /// by the server; any other request fails with `requestMayHaveBeenSent` set accordingly.
    public func send(_ request: HTTPRequest, to endpoint: HTTPEndpoint, timeouts: HTTPTimeouts) throws(HTTPError)
        -> HTTPResponse
    {
        try validate(request)
        let deadlines = RequestDeadlines(timeouts: timeouts)
        var allowStaleRetry = request.isSafeToResend
        while true {
            let pooled = pool.checkout(endpoint)
            let connection: Connection
            if let pooled {
                connection = pooled
            } else {
                connection = try Connection.open(to: endpoint, tls: tls, deadline: deadlines.connectDeadline())
            }
            do {
                let (response, reusable) = try connection.exchange(request, deadlines: deadlines)
                if reusable {
                    pool.checkin(connection)
                } else {
                    connection.stream.close(notifyPeer: true)
                }
                return response
            } catch {
                connection.stream.close(notifyPeer: false)
                if pooled != nil && error.closedBeforeAnyResponse && allowStaleRetry && !deadlines.totalExpired() {
                    allowStaleRetry = false
                    continue
                }
                throw error
            }
        }
    }

    /// Idle connections currently kept open (diagnostics and tests).
    public var idleConnectionCount: Int { pool.idleCount }

    private func validate(_ request: HTTPRequest) throws(HTTPError) {
        guard HeaderValidation.isValidPath(request.path) else {
            throw HTTPError(.invalidRequest, "request path contains characters that must be percent-encoded")
        }
        // request.fixedHeaders were checked when they were made.
        for (name, value) in request.headers {
            try HeaderValidation.check(name: name, value: value)
        }
    }
}
