import Glibc

/// One open connection to an endpoint.
///
/// @unchecked Sendable: a connection is owned by one thread at a time. It is either idle in the
/// pool (reachable only under the pool's lock) or checked out by exactly one request.
final class Connection: @unchecked Sendable {
    let endpoint: HTTPEndpoint
    let stream: ByteStream
    /// The process that opened it: after fork() a child must never use its parent's connections.
    let ownerProcess: pid_t
    /// How many requests this connection has carried (0 while fresh).
    private(set) var requestsServed = 0
    /// When it last went idle, to retire connections the server has probably timed out.
    var idleSince = MonotonicInstant.now()

    init(endpoint: HTTPEndpoint, stream: ByteStream) {
        self.endpoint = endpoint
        self.stream = stream
        self.ownerProcess = CurrentProcess.id
    }

    /// Opens a TCP connection (and a verified TLS session for https) within the connect deadline.
    static func open(to endpoint: HTTPEndpoint, tls: TLSContext?, deadline: MonotonicInstant) throws(HTTPError)
        -> Connection
    {
        let socket = try TCPSocket.connect(host: endpoint.host, port: endpoint.port, deadline: deadline)
        switch endpoint.scheme {
        case .http:
            return Connection(endpoint: endpoint, stream: PlainStream(socket: socket))
        case .https:
            guard let tls else { throw HTTPError(.tls, "no TLS context for an https endpoint") }
            let stream = try TLSStream(
                socket: socket, context: tls, host: endpoint.host,
                isIPLiteral: endpoint.isIPLiteral, deadline: deadline)
            return Connection(endpoint: endpoint, stream: stream)
        }
    }

    /// Sends one request and reads its response. Returns the response and whether the connection
    /// may go back to the pool.
    func exchange(_ request: HTTPRequest, deadlines: RequestDeadlines) throws(HTTPError) -> (HTTPResponse, Bool) {
        requestsServed += 1
        // Head and body in one write: one TLS record and one segment for small requests.
        var message = Connection.serializeHead(request, endpoint: endpoint)
        message.append(contentsOf: request.body)
        try write(message, deadlines: deadlines)
        return try readResponse(deadlines: deadlines)
    }

    private func write(_ message: [UInt8], deadlines: RequestDeadlines) throws(HTTPError) {
        let stream = self.stream
        let failure: HTTPError? = message.withUnsafeBytes { bytes in
            do throws(HTTPError) {
                try stream.write(bytes, deadline: { deadlines.ioDeadline() })
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    private func readResponse(deadlines: RequestDeadlines) throws(HTTPError) -> (HTTPResponse, Bool) {
        let stream = self.stream
        var parser = ResponseParser { buffer throws(HTTPError) in
            try stream.read(into: buffer, deadline: deadlines.ioDeadline())
        }
        do throws(HTTPError) {
            let (response, reusable) = try parser.readResponse(isHeadRequest: false)
            return (response, reusable && !parser.hasUnconsumedBytes)
        } catch {
            // The whole request was written, so from here on the server may have acted on it.
            let closedEarly = !parser.receivedAnyByte && error.kind == .connectionClosed
            if error.kind == .timeout && deadlines.totalExpired() {
                throw HTTPError(
                    .timeout, "the request did not complete within its total timeout",
                    requestMayHaveBeenSent: true)
            }
            throw error.markingSent(true, closedBeforeAnyResponse: closedEarly)
        }
    }

    /// The request head as bytes, appended piece by piece into one reserved buffer (string
    /// interpolation cost a few percent of a request's CPU time).
    static func serializeHead(_ request: HTTPRequest, endpoint: HTTPEndpoint) -> [UInt8] {
        var head: [UInt8] = []
        head.reserveCapacity(512 + request.body.count)
        let lineEnd: [UInt8] = [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        head.append(contentsOf: request.method.rawValue.utf8)
        head.append(UInt8(ascii: " "))
        head.append(contentsOf: endpoint.basePath.utf8)
        head.append(contentsOf: request.path.utf8)
        head.append(contentsOf: " HTTP/1.1\r\nHost: ".utf8)
        head.append(contentsOf: endpoint.hostHeader.utf8)
        head.append(contentsOf: lineEnd)
        if let fixed = request.fixedHeaders { head.append(contentsOf: fixed.serialized) }
        for (name, value) in request.headers {
            head.append(contentsOf: name.utf8)
            head.append(contentsOf: ": ".utf8)
            head.append(contentsOf: value.utf8)
            head.append(contentsOf: lineEnd)
        }
        if !request.body.isEmpty || request.method == .post || request.method == .put {
            head.append(contentsOf: "Content-Length: \(request.body.count)\r\n".utf8)
        }
        head.append(contentsOf: lineEnd)
        return head
    }
}
