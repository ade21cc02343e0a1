import FoundationEssentials
import VippsHTTP

/// A Vipps eCom v2 client for one merchant (one set of API keys and one MSN).
///
/// Thread-safe: one client may be shared by all threads of a process; connections are pooled and
/// the access token is fetched once for everyone. Blocking: each call returns when Vipps has
/// answered or a deadline has passed. It starts no threads.
public final class VippsClient: Sendable {
    let configuration: ValidatedConfiguration
    let http: HTTPClient
    let tokens = AccessTokenProvider()

    public init(_ configuration: ClientConfiguration) throws(VippsError) {
        let validated = try configuration.validated()
        self.configuration = validated
        var tls: TLSContext?
        if validated.endpoint.scheme == .https {
            do {
                tls = try TLSContext(caFile: validated.caFile)
            } catch {
                throw VippsError(.tls, error.message)
            }
        }
        self.http = HTTPClient(tls: tls)
    }

    public var environment: VippsEnvironment { configuration.environment }
    public var merchantSerialNumber: String { configuration.merchantSerialNumber }

    /// Idle pooled connections (diagnostics and tests).
    public var idleConnectionCount: Int { http.idleConnectionCount }

    // MARK: - Request pipeline

    /// Sends one eCom API request with the access token and the common headers, fetching or
    /// refreshing the token as needed. Returns the response only when it is 2xx.
    ///
    /// - Parameter isMoneyOperation: true when the request changes a payment (initiate, capture,
    ///   cancel, refund, approve): if such a request may have reached Vipps without an answer, the
    ///   error is `outcomeUnknown` rather than a plain timeout.
    func perform(_ method: HTTPRequest.Method, _ path: String, body: [UInt8] = [],
                 extraHeaders: [(name: String, value: String)] = [],
                 isMoneyOperation: Bool, operation: String) throws(VippsError) -> HTTPResponse {
        var token = try tokens.token(fetch: fetchAccessToken)
        var retriedAfter401 = false
        while true {
            var headers = commonHeaders()
            headers.append((name: "Authorization", value: "Bearer \(token.value)"))
            if !body.isEmpty { headers.append((name: "Content-Type", value: "application/json;charset=UTF-8")) }
            headers += extraHeaders
            let request = HTTPRequest(method: method, path: path, headers: headers, body: body,
                                      isSafeToResend: !isMoneyOperation)
            let response = try send(request, isMoneyOperation: isMoneyOperation, operation: operation)
            if (200..<300).contains(response.status) { return response }
            if response.status == 401 && !retriedAfter401 {
                // The token may have been revoked or expired early: fetch a new one, once.
                retriedAfter401 = true
                tokens.invalidate(token)
                token = try tokens.token(fetch: fetchAccessToken)
                continue
            }
            throw redacted(ErrorResponse.error(from: response))
        }
    }

    /// POST /accesstoken/get with the API keys in headers (Vipps' token endpoint takes no body).
    private func fetchAccessToken() throws(VippsError) -> (String, Int64) {
        var headers = commonHeaders()
        headers.append((name: "client_id", value: configuration.credentials.clientId))
        headers.append((name: "client_secret", value: configuration.credentials.clientSecret))
        let request = HTTPRequest(method: .post, path: "/accesstoken/get", headers: headers, isSafeToResend: true)
        let response = try send(request, isMoneyOperation: false, operation: "access token")
        guard (200..<300).contains(response.status) else {
            var error = ErrorResponse.error(from: response)
            if error.category == .rejected || error.category == .notFound { error.category = .authentication }
            throw redacted(error)
        }
        guard let body = JSONValue.parse(response.body),
              let value = body["access_token"]?.text, !value.isEmpty,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw VippsError(.protocolError, "the access token response has no usable access_token",
                             httpStatus: response.status)
        }
        // Vipps sends the numbers as strings ("3600"); the spec says integers. Accept both.
        let lifetime = body["expires_in"]?.integerValue ?? 3_600
        return (value, max(0, lifetime))
    }

    private func commonHeaders() -> [(name: String, value: String)] {
        let system = configuration.systemInfo
        return [
            (name: "Accept", value: "application/json"),
            (name: "Ocp-Apim-Subscription-Key", value: configuration.credentials.subscriptionKey),
            (name: "Merchant-Serial-Number", value: configuration.merchantSerialNumber),
            (name: "Vipps-System-Name", value: system.systemName),
            (name: "Vipps-System-Version", value: system.systemVersion),
            (name: "Vipps-System-Plugin-Name", value: system.pluginName),
            (name: "Vipps-System-Plugin-Version", value: system.pluginVersion),
        ]
    }

    private func send(_ request: HTTPRequest, isMoneyOperation: Bool, operation: String) throws(VippsError) -> HTTPResponse {
        do {
            return try http.send(request, to: configuration.endpoint, timeouts: configuration.timeouts)
        } catch {
            throw redacted(Self.translate(error, isMoneyOperation: isMoneyOperation, operation: operation))
        }
    }

    /// Maps a transport failure to the library's categories. The key question is whether Vipps
    /// may have acted: then a money operation's outcome is unknown and must be looked up.
    static func translate(_ error: HTTPError, isMoneyOperation: Bool, operation: String) -> VippsError {
        if error.requestMayHaveBeenSent && isMoneyOperation && error.kind != .invalidRequest {
            return VippsError(.outcomeUnknown,
                              "\(operation): the request reached the network but no complete answer came back "
                              + "(\(error.message)); it may or may not have taken effect at Vipps: read the "
                              + "payment details to find out", isRetryable: true)
        }
        let message = "\(operation): \(error.message)"
        switch error.kind {
        case .invalidRequest: return VippsError(.invalidArgument, message)
        case .hostNotFound, .connectFailed: return VippsError(.network, message, isRetryable: true)
        case .connectionClosed: return VippsError(.network, message, isRetryable: true)
        case .connectTimeout, .timeout: return VippsError(.timeout, message, isRetryable: true)
        case .tls: return VippsError(.tls, message)
        case .malformedResponse, .responseTooLarge: return VippsError(.protocolError, message, isRetryable: true)
        }
    }

    /// Defence in depth: whatever a server echoes back, a secret never leaves in an error message.
    func redacted(_ error: VippsError) -> VippsError {
        var copy = error
        let credentials = configuration.credentials
        for secret in [credentials.clientSecret, credentials.subscriptionKey] where secret.count >= 4 {
            copy.message = copy.message.replacing(secret, with: "[redacted]")
        }
        return copy
    }

    /// Percent-encodes an order id for a path segment. Validated ids need none, but this keeps a
    /// path well-formed whatever reaches it.
    static func pathSegment(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.properties.isAlphabetic && byte < 0x80 || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    static func encodeJSON<T: Encodable>(_ value: T) throws(VippsError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw VippsError(.internalError, "cannot encode the request body")
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
