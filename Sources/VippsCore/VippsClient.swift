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

    /// What a request may do at Vipps, which decides what is safe after a failure.
    enum RequestKind {
        /// Reads (GET): repeat freely.
        case read
        /// Capture and refund with an X-Request-Id: repeating with the same key is applied at
        /// most once by Vipps, so a lost answer is resolved by asking again.
        case idempotent(key: String)
        /// Initiate, cancel, approve: a lost answer must be resolved by reading the payment, never
        /// by blindly sending again.
        case unrepeatable

        var key: String? {
            if case .idempotent(let key) = self { return key }
            return nil
        }
    }

    /// One attempt's failure and what it means for the next step.
    private struct AttemptFailure {
        var error: VippsError
        /// Safe and useful to try again.
        var retryable: Bool
        /// The request may have been applied at Vipps (sent without a complete answer, or 5xx).
        var possiblyApplied: Bool
        /// Vipps' Retry-After, in milliseconds.
        var retryAfterMilliseconds: Int64?
    }

    /// Sends one eCom API request with the access token and the common headers, retrying what
    /// is safe to retry (connection failures, 5xx, 429 and VippsError 94, per `kind`) with
    /// exponential backoff and jitter until `retryPolicy` says stop. Returns only a 2xx answer
    /// that is not an error in disguise.
    func perform(_ method: HTTPRequest.Method, _ path: String, body: [UInt8] = [],
                 kind: RequestKind, operation: String) throws(VippsError) -> HTTPResponse {
        let policy = configuration.retryPolicy
        let deadline = MonotonicInstant.now().adding(milliseconds: policy.callDeadlineMilliseconds)
        var attempt = 0
        var tokenRenewed = false
        var possiblyApplied = false
        while true {
            attempt += 1
            let started = MonotonicInstant.now()
            var failure: AttemptFailure
            do {
                let token = try tokens.token(fetch: fetchAccessToken)
                let response = try send(authorizedRequest(method, path, body: body, token: token.value, kind: kind),
                                        deadline: deadline)
                log(.info, "\(method.rawValue) \(path) -> \(response.status) "
                    + "(\(started.milliseconds(until: .now())) ms, attempt \(attempt))")
                if configuration.logSink?.enabled(.debug) == true {
                    log(.debug, "\(operation) response body: \(LogRedaction.body(response.body, includePersonalData: configuration.logSink?.includePersonalData ?? false))")
                }
                if response.status == 401 && !tokenRenewed {
                    // The token may have been revoked or expired early: fetch a new one, once.
                    tokenRenewed = true
                    tokens.invalidate(token)
                    attempt -= 1
                    continue
                }
                if (200..<300).contains(response.status), !ErrorResponse.isErrorBody(response.body) {
                    return response
                }
                failure = classify(response: response, kind: kind)
            } catch {
                failure = classify(transportError: error, kind: kind)
                log(.warning, "\(method.rawValue) \(path) failed (attempt \(attempt)): \(failure.error.message)")
            }
            possiblyApplied = possiblyApplied || failure.possiblyApplied
            let wait = failure.retryAfterMilliseconds ?? policy.backoff(afterAttempt: attempt)
            let remaining = MonotonicInstant.now().milliseconds(until: deadline)
            guard failure.retryable, attempt < policy.maxAttempts, wait < remaining else {
                throw redacted(finalError(failure.error, kind: kind, possiblyApplied: possiblyApplied,
                                          operation: operation, attempts: attempt))
            }
            log(.warning, "\(operation): \(failure.error.message); retrying in \(wait) ms "
                + "(attempt \(attempt + 1) of \(policy.maxAttempts))")
            sleepMilliseconds(wait)
        }
    }

    private func authorizedRequest(_ method: HTTPRequest.Method, _ path: String, body: [UInt8], token: String,
                                   kind: RequestKind) -> HTTPRequest {
        var headers = commonHeaders()
        headers.append((name: "Authorization", value: "Bearer \(token)"))
        if !body.isEmpty { headers.append((name: "Content-Type", value: "application/json;charset=UTF-8")) }
        if let key = kind.key { headers.append((name: "X-Request-Id", value: key)) }
        if configuration.logSink?.enabled(.debug) == true, !body.isEmpty {
            log(.debug, "\(method.rawValue) \(path) request body: \(LogRedaction.body(body, includePersonalData: configuration.logSink?.includePersonalData ?? false))")
        }
        if case .read = kind {
            return HTTPRequest(method: method, path: path, headers: headers, body: body, isSafeToResend: true)
        }
        return HTTPRequest(method: method, path: path, headers: headers, body: body, isSafeToResend: false)
    }

    private func classify(response: HTTPResponse, kind: RequestKind) -> AttemptFailure {
        let error = ErrorResponse.error(from: response)
        switch (response.status, kind) {
        case (429, _):
            // Refused before processing: always safe to repeat after the server's pause.
            return AttemptFailure(error: error, retryable: true, possiblyApplied: false,
                                  retryAfterMilliseconds: Self.retryAfter(response.header("Retry-After")))
        case (500...599, .read):
            return AttemptFailure(error: error, retryable: true, possiblyApplied: false)
        case (500...599, .idempotent):
            return AttemptFailure(error: error, retryable: true, possiblyApplied: true)
        case (500...599, .unrepeatable):
            return AttemptFailure(error: error, retryable: false, possiblyApplied: true)
        default:
            // "Order locked and is already processing": retry later with the same key.
            let locked = error.errorGroup?.lowercased() == "vippserror" && error.errorCode == "94"
            if locked, case .idempotent = kind {
                return AttemptFailure(error: error, retryable: true, possiblyApplied: true)
            }
            return AttemptFailure(error: error, retryable: false, possiblyApplied: false)
        }
    }

    private func classify(transportError error: VippsError, kind: RequestKind) -> AttemptFailure {
        switch error.category {
        case .network, .timeout:
            return AttemptFailure(error: error, retryable: true, possiblyApplied: false)
        case .server, .rateLimited:
            // Only the token fetch ends up here (API answers are classified by status): nothing
            // was applied, and the token service may well answer the next time.
            return AttemptFailure(error: error, retryable: true, possiblyApplied: false)
        case .outcomeUnknown:
            if case .unrepeatable = kind {
                return AttemptFailure(error: error, retryable: false, possiblyApplied: true)
            }
            return AttemptFailure(error: error, retryable: true, possiblyApplied: true)
        case .protocolError:
            // A garbled answer: the request arrived, so it may have been applied.
            if case .unrepeatable = kind {
                return AttemptFailure(error: error, retryable: false, possiblyApplied: true)
            }
            return AttemptFailure(error: error, retryable: true, possiblyApplied: kind.key != nil)
        default:
            return AttemptFailure(error: error, retryable: false, possiblyApplied: false)
        }
    }

    /// The error a call ends with. A capture or refund that may have been applied but never got
    /// a clear answer is "outcome unknown", whatever its last attempt saw.
    private func finalError(_ error: VippsError, kind: RequestKind, possiblyApplied: Bool, operation: String,
                            attempts: Int) -> VippsError {
        var result = error
        result.requestId = kind.key
        if possiblyApplied, let key = kind.key, error.category != .outcomeUnknown {
            result = VippsError(.outcomeUnknown,
                                "\(operation): no clear answer after \(attempts) attempt(s) (last: \(error.message)); "
                                + "it may or may not have been applied: repeat it with the same idempotency key "
                                + "\(key), or read the payment's details",
                                httpStatus: error.httpStatus, errorGroup: error.errorGroup, errorCode: error.errorCode,
                                contextId: error.contextId, isRetryable: true, requestId: key)
        }
        return result
    }

    /// Retry-After in seconds (the only form Vipps uses), as milliseconds; capped at 2 minutes.
    static func retryAfter(_ value: String?) -> Int64? {
        guard let value, let seconds = Int64(value.trimmingSpaces()), seconds >= 0 else { return nil }
        return min(seconds, 120) * 1_000
    }

    func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        configuration.logSink?.log(level, message())
    }

    /// POST /accesstoken/get with the API keys in headers (Vipps' token endpoint takes no body).
    private func fetchAccessToken() throws(VippsError) -> (String, Int64) {
        var headers = commonHeaders()
        headers.append((name: "client_id", value: configuration.credentials.clientId))
        headers.append((name: "client_secret", value: configuration.credentials.clientSecret))
        let request = HTTPRequest(method: .post, path: "/accesstoken/get", headers: headers, isSafeToResend: true)
        let response = try send(request, deadline: nil)
        log(.info, "POST /accesstoken/get -> \(response.status)")
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

    /// One HTTP exchange within the configured timeouts and the call's deadline.
    private func send(_ request: HTTPRequest, deadline: MonotonicInstant?) throws(VippsError) -> HTTPResponse {
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
            return VippsError(.outcomeUnknown,
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
