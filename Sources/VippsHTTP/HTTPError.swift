/// Why an HTTP exchange failed before a complete response arrived.
///
/// `requestMayHaveBeenSent` is the fact the payment layer needs most: when it is true the server
/// may have acted on the request (a capture may have happened), so the outcome is unknown and
/// must be resolved, not assumed.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The URL or a header value cannot be sent (caller error, nothing sent).
        case invalidRequest
        /// The host name did not resolve.
        case hostNotFound
        /// No TCP connection could be made (refused, unreachable).
        case connectFailed
        /// Connect or TLS handshake did not finish in time.
        case connectTimeout
        /// The TLS handshake failed; `message` says why (for example the certificate check).
        case tls
        /// The peer stopped answering for longer than the read timeout, or the total budget ran out.
        case timeout
        /// The connection was closed or reset before the response was complete.
        case connectionClosed
        /// The peer answered with something that is not HTTP/1.x as we accept it.
        case malformedResponse
        /// The response exceeded the size limits (headers or body).
        case responseTooLarge
    }

    public let kind: Kind
    public let message: String
    /// True once any byte of the request has been handed to the network.
    public let requestMayHaveBeenSent: Bool
    /// The connection ended before a single response byte arrived. On a reused keep-alive
    /// connection this usually means the server closed it as idle before reading the request.
    let closedBeforeAnyResponse: Bool

    public init(_ kind: Kind, _ message: String, requestMayHaveBeenSent: Bool = false) {
        self.init(kind, message, requestMayHaveBeenSent: requestMayHaveBeenSent, closedBeforeAnyResponse: false)
    }

    init(_ kind: Kind, _ message: String, requestMayHaveBeenSent: Bool, closedBeforeAnyResponse: Bool) {
        self.kind = kind
        self.message = message
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
        self.closedBeforeAnyResponse = closedBeforeAnyResponse
    }

    func markingSent(_ sent: Bool, closedBeforeAnyResponse closed: Bool = false) -> HTTPError {
        HTTPError(
            kind, message, requestMayHaveBeenSent: sent || requestMayHaveBeenSent,
            closedBeforeAnyResponse: closed || closedBeforeAnyResponse)
    }

    public var description: String { message }
}
