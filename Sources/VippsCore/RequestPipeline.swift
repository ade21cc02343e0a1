import VippsHTTP

/// The request pipeline every operation goes through: token, common headers, one HTTP exchange
/// per attempt, classification of each failure, retries where they are safe, and the final
/// error when they are not.
extension VippsClient {
    /// Sends one eCom API request with the access token and the common headers, retrying what
    /// `RetryRules` says is safe to retry (connection failures, 5xx, 429 and VippsError 94, per
    /// `kind`) with exponential backoff and jitter until the policy says stop. Returns only a 2xx
    /// answer that is not an error in disguise. `idempotencyKey` is the X-Request-Id of a capture
    /// or refund. `deadline` is the whole call's, when this request is one step of a larger call
    /// (a wait's poll, an outcome's resolution); else `callDeadline()`.
    func perform(
        _ method: HTTPRequest.Method, _ path: String, body: [UInt8] = [],
        kind: RequestKind, idempotencyKey: String? = nil, keyHeader: String = "X-Request-Id", operation: String,
        deadline callDeadline: MonotonicInstant? = nil
    )
        throws(VippsError) -> HTTPResponse
    {
        let policy = configuration.retryPolicy
        let rules = RetryRules(maxAttempts: policy.maxAttempts)
        let deadline = callDeadline ?? self.callDeadline()
        var attempt = 0
        var tokenRenewed = false
        var possiblyApplied = false
        while true {
            var answeredWith: AccessTokenProvider.Token?
            attempt += 1
            let started = MonotonicInstant.now()
            let failure: RetryRules.Failure
            let error: VippsError
            exchange: do {
                let token: AccessTokenProvider.Token
                do {
                    token = try accessToken(deadline: deadline)
                } catch let tokenError {
                    failure = .tokenFetch(tokenError.category)
                    error = Self.notSent(tokenError)
                    log(.warning, "\(method.rawValue) \(path) not sent (attempt \(attempt)): \(error.message)")
                    break exchange
                }
                let response = try send(
                    authorizedRequest(
                        method, path, body: body, token: token.value, kind: kind, idempotencyKey: idempotencyKey,
                        keyHeader: keyHeader),
                    deadline: deadline)
                log(
                    .info,
                    "\(method.rawValue) \(path) -> \(response.status) "
                        + "(\(started.milliseconds(until: .now())) ms, attempt \(attempt))")
                logBody("\(operation) response", response.body)
                if (200..<300).contains(response.status), !ErrorResponse.isErrorBody(response.body) {
                    return response
                }
                error = ErrorResponse.error(from: response, scrub: configuration.scrubber.scrub)  // before truncation
                failure = .answer(
                    status: response.status, errorGroup: error.errorGroup, errorCode: error.errorCode,
                    retryAfterMilliseconds: Self.retryAfter(response.header("Retry-After")))
                answeredWith = token
            } catch let transportError {
                failure = .transport(transportError.category)
                error = transportError
                log(.warning, "\(method.rawValue) \(path) failed (attempt \(attempt)): \(error.message)")
            }
            let decision = rules.decide(
                failure, kind: kind,
                attempt: RetryRules.Attempt(
                    number: attempt, tokenRenewed: tokenRenewed,
                    backoffMilliseconds: policy.backoff(afterAttempt: attempt),
                    remainingMilliseconds: MonotonicInstant.now().milliseconds(until: deadline)))
            possiblyApplied = possiblyApplied || decision.possiblyApplied
            switch decision.action {
            case .renewTokenAndRepeat:
                // The token may have been revoked or expired early: a new one, and the same attempt.
                tokenRenewed = true
                if let answeredWith { invalidate(answeredWith) }
                attempt -= 1
            case .retry(let wait):
                log(
                    .warning,
                    "\(operation): \(error.message); retrying in \(wait) ms "
                        + "(attempt \(attempt + 1) of \(policy.maxAttempts))")
                sleepMilliseconds(wait)
            case .stop:
                throw redacted(
                    finalError(
                        error, outcome: rules.outcome(kind: kind, possiblyApplied: possiblyApplied),
                        key: idempotencyKey, operation: operation, attempts: attempt))
            }
        }
    }

    /// When a call that starts now must end: `call_deadline_ms` from now, retries, waits and
    /// resolution steps included.
    func callDeadline() -> MonotonicInstant {
        MonotonicInstant.now().adding(milliseconds: configuration.retryPolicy.callDeadlineMilliseconds)
    }

    private func authorizedRequest(
        _ method: HTTPRequest.Method, _ path: String, body: [UInt8], token: String,
        kind: RequestKind, idempotencyKey: String?, keyHeader: String
    ) -> HTTPRequest {
        var headers = [(name: "Authorization", value: "Bearer \(token)")]
        if !body.isEmpty { headers.append((name: "Content-Type", value: "application/json;charset=UTF-8")) }
        if let idempotencyKey { headers.append((name: keyHeader, value: idempotencyKey)) }
        if !body.isEmpty { logBody("\(method.rawValue) \(path) request", body) }
        return HTTPRequest(
            method: method, path: path, fixedHeaders: commonHeaders, headers: headers, body: body,
            isSafeToResend: kind.repeatability == .freely)
    }

    /// A failed token fetch: the request itself was never sent, whatever the token service answered.
    private static func notSent(_ error: VippsError) -> VippsError {
        var notSent = error
        notSent.message = "no access token, so the request was not sent: \(error.message)"
        return notSent
    }

    /// The error a call ends with: the last attempt's, unless `RetryRules` says that the request may
    /// have been applied, in which case it is "outcome unknown", whatever the last attempt saw.
    private func finalError(
        _ error: VippsError, outcome: RetryRules.Outcome, key: String?, operation: String, attempts: Int
    ) -> VippsError {
        var result = error
        result.requestId = key
        guard error.category != .outcomeUnknown else { return result }
        switch outcome {
        case .failed:
            return result
        case .unknownResolveByReading:
            // A 5xx after the request arrived: Vipps may have applied it (initiate, cancel and
            // approve have no idempotency key). Say so, so that the operation resolves it from
            // the payment's details instead of reporting a failure that may not be one.
            return VippsError(
                .outcomeUnknown,
                "\(operation): Vipps answered with an error after the request arrived (\(error.message)); "
                    + "it may or may not have been applied: read the payment's details",
                httpStatus: error.httpStatus, errorGroup: error.errorGroup, errorCode: error.errorCode,
                contextId: error.contextId, isRetryable: false)
        case .unknownRepeatWithSameKey:
            let key = key ?? ""
            return VippsError(
                .outcomeUnknown,
                "\(operation): no clear answer after \(attempts) attempt(s) (last: \(error.message)); "
                    + "it may or may not have been applied: repeat it with the same idempotency key "
                    + "\(key), or read the payment's details",
                httpStatus: error.httpStatus, errorGroup: error.errorGroup, errorCode: error.errorCode,
                contextId: error.contextId, isRetryable: true, requestId: key)
        }
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
