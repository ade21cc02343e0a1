import VippsHTTP

/// The request pipeline every operation goes through: token, common headers, one HTTP exchange
/// per attempt, classification of each failure, retries where they are safe, and the final
/// error when they are not.
extension VippsClient {
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
    /// that is not an error in disguise. `deadline` is the whole call's, when this request is
    /// one step of a larger call (a wait's poll, an outcome's resolution); else `callDeadline()`.
    func perform(
        _ method: HTTPRequest.Method, _ path: String, body: [UInt8] = [],
        kind: RequestKind, operation: String, deadline callDeadline: MonotonicInstant? = nil
    )
        throws(VippsError) -> HTTPResponse
    {
        let policy = configuration.retryPolicy
        let deadline = callDeadline ?? self.callDeadline()
        var attempt = 0
        var tokenRenewed = false
        var possiblyApplied = false
        while true {
            attempt += 1
            let started = MonotonicInstant.now()
            var failure: AttemptFailure
            exchange: do {
                let token: AccessTokenProvider.Token
                do {
                    token = try accessToken(deadline: deadline)
                } catch {
                    failure = classify(tokenError: error)
                    log(.warning, "\(method.rawValue) \(path) not sent (attempt \(attempt)): \(failure.error.message)")
                    break exchange
                }
                let response = try send(
                    authorizedRequest(method, path, body: body, token: token.value, kind: kind),
                    deadline: deadline)
                log(
                    .info,
                    "\(method.rawValue) \(path) -> \(response.status) "
                        + "(\(started.milliseconds(until: .now())) ms, attempt \(attempt))")
                logBody("\(operation) response", response.body)
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
                throw redacted(
                    finalError(
                        failure.error, kind: kind, possiblyApplied: possiblyApplied,
                        operation: operation, attempts: attempt))
            }
            log(
                .warning,
                "\(operation): \(failure.error.message); retrying in \(wait) ms "
                    + "(attempt \(attempt + 1) of \(policy.maxAttempts))")
            sleepMilliseconds(wait)
        }
    }

    /// When a call that starts now must end: `call_deadline_ms` from now, retries, waits and
    /// resolution steps included.
    func callDeadline() -> MonotonicInstant {
        MonotonicInstant.now().adding(milliseconds: configuration.retryPolicy.callDeadlineMilliseconds)
    }

    private func authorizedRequest(
        _ method: HTTPRequest.Method, _ path: String, body: [UInt8], token: String,
        kind: RequestKind
    ) -> HTTPRequest {
        var headers = commonHeaders()
        headers.append((name: "Authorization", value: "Bearer \(token)"))
        if !body.isEmpty { headers.append((name: "Content-Type", value: "application/json;charset=UTF-8")) }
        if let key = kind.key { headers.append((name: "X-Request-Id", value: key)) }
        if !body.isEmpty { logBody("\(method.rawValue) \(path) request", body) }
        if case .read = kind {
            return HTTPRequest(method: method, path: path, headers: headers, body: body, isSafeToResend: true)
        }
        return HTTPRequest(method: method, path: path, headers: headers, body: body, isSafeToResend: false)
    }

    private func classify(response: HTTPResponse, kind: RequestKind) -> AttemptFailure {
        let error = ErrorResponse.error(from: response, scrub: configuration.scrubber.scrub)  // before truncation
        switch (response.status, kind) {
        case (429, _):
            // Refused before processing: always safe to repeat after the server's pause.
            return AttemptFailure(
                error: error, retryable: true, possiblyApplied: false,
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

    /// A failed token fetch: the request itself was never sent, so it cannot have been applied,
    /// whatever the token service answered.
    private func classify(tokenError error: VippsError) -> AttemptFailure {
        var notSent = error
        notSent.message = "no access token, so the request was not sent: \(error.message)"
        switch error.category {
        case .network, .timeout, .server, .rateLimited, .protocolError:
            return AttemptFailure(error: notSent, retryable: true, possiblyApplied: false)
        default:
            return AttemptFailure(error: notSent, retryable: false, possiblyApplied: false)
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
    private func finalError(
        _ error: VippsError, kind: RequestKind, possiblyApplied: Bool, operation: String,
        attempts: Int
    ) -> VippsError {
        var result = error
        result.requestId = kind.key
        if possiblyApplied, case .unrepeatable = kind, error.category != .outcomeUnknown {
            // A 5xx after the request arrived: Vipps may have applied it (initiate, cancel and
            // approve have no idempotency key). Say so, so that the operation resolves it from
            // the payment's details instead of reporting a failure that may not be one.
            return VippsError(
                .outcomeUnknown,
                "\(operation): Vipps answered with an error after the request arrived (\(error.message)); "
                    + "it may or may not have been applied: read the payment's details",
                httpStatus: error.httpStatus, errorGroup: error.errorGroup, errorCode: error.errorCode,
                contextId: error.contextId, isRetryable: false)
        }
        if possiblyApplied, let key = kind.key, error.category != .outcomeUnknown {
            result = VippsError(
                .outcomeUnknown,
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

    /// A body at debug level, with secrets and (unless allowed) personal data masked.
    private func logBody(_ label: String, _ body: [UInt8]) {
        guard let sink = configuration.logSink, sink.enabled(.debug) else { return }
        sink.log(.debug, "\(label) body: \(LogRedaction.body(body, includePersonalData: sink.includePersonalData))")
    }
}
