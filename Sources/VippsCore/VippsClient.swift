import VippsHTTP

/// A Vipps eCom v2 client for one merchant (one set of API keys and one MSN).
///
/// Thread-safe: one client may be shared by all threads of a process; connections are pooled and
/// the access token is fetched once for everyone. Blocking: each call returns when Vipps has
/// answered or a deadline has passed. It starts no threads.
public final class VippsClient: Sendable {
    let configuration: ValidatedConfiguration
    let http: any HTTPTransport
    let tokens = AccessTokenProvider()
    let pendingOperations = PendingOperations()
    /// Where the processes sharing this client's API keys keep one token (nil: this client's own).
    let tokenStore: (any SharedTokenStore)?
    /// This client's key in `tokenStore`.
    let tokenStoreKey: String
    /// The headers every request carries, checked and serialized once.
    let commonHeaders: FixedHeaders

    public init(_ configuration: ClientConfiguration) throws(VippsError) {
        let validated = try configuration.validated()
        var tls: TLSContext?
        if validated.endpoint.scheme == .https {
            do {
                tls = try TLSContext(caFile: validated.caFile)
            } catch {
                throw VippsError(.tls, error.message)
            }
        }
        self.configuration = validated
        self.http = HTTPClient(tls: tls)
        self.tokenStore = configuration.tokenStore
        self.tokenStoreKey = Self.sharedTokenKey(validated)
        self.commonHeaders = try Self.commonHeaders(validated)
    }

    /// A client on another transport: tests drive the retry and outcome rules through it with
    /// scripted answers. The configuration is validated as for a real client; its TLS settings are
    /// the transport's business.
    package init(_ configuration: ClientConfiguration, transport: any HTTPTransport) throws(VippsError) {
        let validated = try configuration.validated()
        self.configuration = validated
        self.http = transport
        self.tokenStore = configuration.tokenStore
        self.tokenStoreKey = Self.sharedTokenKey(validated)
        self.commonHeaders = try Self.commonHeaders(validated)
    }

    public var environment: VippsEnvironment { configuration.environment }
    public var merchantSerialNumber: String { configuration.merchantSerialNumber }
    public var api: PaymentAPI { configuration.api }

    /// Idle pooled connections (diagnostics and tests).
    public var idleConnectionCount: Int { http.idleConnectionCount }

    /// A usable access token, fetched within `deadline` if needed.
    ///
    /// The fetch's log line reaches the host only after the outcome is handed to the threads
    /// waiting for it: a host log callback that calls this client again (on this thread) then
    /// finds the token, or a new fetch, instead of a fetch that waits for itself.
    func accessToken(deadline: MonotonicInstant) throws(VippsError) -> AccessTokenProvider.Token {
        var lines: [(LogLevel, String)] = []
        defer { for (level, line) in lines { log(level, line) } }
        return try tokens.token(deadline: deadline) { fetchDeadline throws(VippsError) in
            if let tokenStore { return try sharedAccessToken(tokenStore, deadline: fetchDeadline, log: &lines) }
            let (token, lifetime) = try fetchAccessToken(deadline: fetchDeadline, log: &lines)
            return (token, AccessTokenProvider.refreshAfter(lifetime) * 1_000)
        }
    }

    /// Forgets `token` after Vipps refused it, here and in the shared store (unless the store
    /// already holds a newer one). Called with no lock held: the store may block.
    func invalidate(_ token: AccessTokenProvider.Token) {
        tokens.invalidate(token)
        tokenStore?.remove(key: tokenStoreKey, ifToken: token.value)
    }

    /// POST /accesstoken/get with the API keys in headers (Vipps' token endpoint takes no body).
    /// Log lines are appended to `log` for the caller to emit.
    func fetchAccessToken(deadline: MonotonicInstant, log lines: inout [(LogLevel, String)]) throws(VippsError) -> (
        String, Int64
    ) {
        let headers = [
            (name: "client_id", value: configuration.credentials.clientId),
            (name: "client_secret", value: configuration.credentials.clientSecret),
        ]
        let request = HTTPRequest(
            method: .post, path: "/accesstoken/get", fixedHeaders: commonHeaders, headers: headers,
            isSafeToResend: true)
        let response = try send(request, deadline: deadline)
        if configuration.logSink?.enabled(.info) == true {
            lines.append((.info, "POST /accesstoken/get -> \(response.status)"))
        }
        guard (200..<300).contains(response.status) else {
            var error = ErrorResponse.error(from: response, scrub: configuration.scrubber.scrub)
            if error.category == .rejected || error.category == .notFound { error.category = .authentication }
            throw redacted(error)
        }
        let token = try Self.accessToken(from: response)
        // From now on the token is a secret the scrubber knows: a server may echo it back.
        configuration.scrubber.rememberToken(token.0)
        return token
    }

    /// The token and its lifetime in seconds from a 2xx token response. `package`: fuzzed
    /// directly (Sources/vipps-fuzz).
    package static func accessToken(from response: HTTPResponse) throws(VippsError) -> (String, Int64) {
        guard let body = JSONValue.parse(response.body),
            let value = body["access_token"]?.text, !value.isEmpty,
            value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw VippsError(
                .protocolError, "the access token response has no usable access_token",
                httpStatus: response.status)
        }
        // Vipps sends the numbers as strings ("3600"); the spec says integers. Accept both.
        let lifetime = body["expires_in"]?.integerValue ?? 3_600
        return (value, max(0, lifetime))
    }

    private static func commonHeaders(_ configuration: ValidatedConfiguration) throws(VippsError) -> FixedHeaders {
        let system = configuration.systemInfo
        do {
            return try FixedHeaders([
                (name: "Accept", value: "application/json"),
                (name: "Ocp-Apim-Subscription-Key", value: configuration.credentials.subscriptionKey),
                (name: "Merchant-Serial-Number", value: configuration.merchantSerialNumber),
                (name: "Vipps-System-Name", value: system.systemName),
                (name: "Vipps-System-Version", value: system.systemVersion),
                (name: "Vipps-System-Plugin-Name", value: system.pluginName),
                (name: "Vipps-System-Plugin-Version", value: system.pluginVersion),
            ])
        } catch {
            // The configuration's own checks refuse control characters in these values first.
            throw VippsError(.invalidArgument, error.message)
        }
    }

    /// One HTTP exchange within the configured timeouts and the call's deadline.
    func send(_ request: HTTPRequest, deadline: MonotonicInstant?) throws(VippsError) -> HTTPResponse {
        var timeouts = configuration.timeouts
        if let deadline {
            let remaining = MonotonicInstant.now().milliseconds(until: deadline)
            guard remaining > 0 else { throw VippsError(.timeout, "the call's deadline passed", isRetryable: false) }
            timeouts.totalMilliseconds = min(timeouts.totalMilliseconds, remaining)
        }
        do {
            return try http.send(request, to: configuration.endpoint, timeouts: timeouts)
        } catch {
            throw redacted(Self.translate(error, request: request))
        }
    }

    /// Maps a transport failure to the library's categories. The key question is whether Vipps
    /// may have acted: when a request that changes something was sent without a complete answer,
    /// its outcome is unknown and must be resolved, not assumed.
    static func translate(_ error: HTTPError, request: HTTPRequest) -> VippsError {
        let what = "\(request.method.rawValue) \(request.path.split(separator: "?").first ?? "")"
        if error.requestMayHaveBeenSent && !request.isSafeToResend && error.kind != .invalidRequest {
            return VippsError(
                .outcomeUnknown,
                "\(what): the request was sent but no complete answer came back (\(error.message)); "
                    + "it may or may not have taken effect at Vipps", isRetryable: true)
        }
        let message = "\(what): \(error.message)"
        switch error.kind {
        case .invalidRequest: return VippsError(.invalidArgument, message)
        case .hostNotFound, .connectFailed, .connectionClosed: return VippsError(.network, message, isRetryable: true)
        case .connectTimeout, .timeout: return VippsError(.timeout, message, isRetryable: true)
        case .tls: return VippsError(.tls, message)
        case .malformedResponse, .responseTooLarge: return VippsError(.protocolError, message, isRetryable: true)
        }
    }

    /// Defence in depth: whatever a server echoes back, a secret never leaves in an error message.
    /// Every field, not only the message: a server can put anything into errorCode or contextId.
    /// The access token and an initiate's authToken count as secrets too (see SecretScrubber).
    func redacted(_ error: VippsError) -> VippsError {
        configuration.scrubber.scrub(error)
    }

    /// Percent-encodes an order id for a path segment. Validated ids need none, but this keeps a
    /// path well-formed whatever reaches it.
    static func pathSegment(_ value: String) -> String {
        // Byte by byte on ASCII ranges: this runs on every call, and Unicode property lookups
        // showed up in the profile.
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hex[Int(byte >> 4)])
                encoded.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
