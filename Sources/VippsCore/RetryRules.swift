/// What a request may do at Vipps, which decides what is safe after a failure
/// (docs/ecom-v2.md#idempotency).
package enum RequestKind: Sendable, Equatable, CaseIterable {
    /// GET details or status.
    case read
    case initiate
    case capture
    case refund
    case cancel
    /// The test environment's approve.
    case forceApprove
    /// ePayment's create: unlike eCom's initiate it carries an Idempotency-Key (docs/epayment-client.md#idempotency).
    case keyedCreate
    /// ePayment's cancel: unlike eCom's it carries an Idempotency-Key.
    case keyedCancel

    package enum Repeatability: Sendable, Equatable {
        /// Changes nothing: repeat freely.
        case freely
        /// Carries an X-Request-Id that Vipps applies at most once: a lost answer is resolved by
        /// sending it again with the same key.
        case withSameKey
        /// No idempotency key at Vipps: a lost answer must be resolved by reading the payment, never
        /// by sending it blindly again.
        case never
    }

    package var repeatability: Repeatability {
        switch self {
        case .read: .freely
        case .capture, .refund, .keyedCreate, .keyedCancel: .withSameKey
        case .initiate, .cancel, .forceApprove: .never
        }
    }
}

/// The retry and outcome rules of every eCom request, as one value: for a failed attempt (Vipps'
/// answer or a transport failure) of a request kind, what to do next and why; and, when a call
/// ends, what its outcome is. `VippsClient.perform` asks it and does what it says, so the rules
/// can be tested as a table without a server.
package struct RetryRules: Sendable, Equatable {
    /// Attempts per call, the first included.
    package var maxAttempts: Int

    package init(maxAttempts: Int) {
        self.maxAttempts = maxAttempts
    }

    /// One failed attempt, as far as the rules need to know it.
    package enum Failure: Sendable, Equatable {
        /// The access token could not be had, so the request itself was never sent.
        case tokenFetch(VippsError.Category)
        /// Vipps answered `status`: not a 2xx, or a 2xx whose body is an error array.
        case answer(status: Int, errorGroup: String?, errorCode: String?, retryAfterMilliseconds: Int64?)
        /// No complete answer; `category` is the transport failure as `VippsClient.translate` reports
        /// it (`outcomeUnknown` when a request that changes something was sent).
        case transport(VippsError.Category)
    }

    /// Where the call stands when an attempt failed.
    package struct Attempt: Sendable, Equatable {
        /// 1 for the first attempt; a token renewal after a 401 does not count.
        package var number: Int
        /// Whether this call already fetched a new token after a 401.
        package var tokenRenewed: Bool
        /// The backoff the policy would wait before the next attempt.
        package var backoffMilliseconds: Int64
        /// Time left before the call's deadline.
        package var remainingMilliseconds: Int64

        package init(number: Int, tokenRenewed: Bool, backoffMilliseconds: Int64, remainingMilliseconds: Int64) {
            self.number = number
            self.tokenRenewed = tokenRenewed
            self.backoffMilliseconds = backoffMilliseconds
            self.remainingMilliseconds = remainingMilliseconds
        }
    }

    /// The rule that decided, named so that a log line, a test row and a reader can point at it.
    package enum Rule: String, Sendable, CaseIterable {
        case renewTokenOnce = "a 401 comes from the gateway before processing: fetch a new token and repeat, once"
        case rateLimited = "429 is refused before processing: repeat after Retry-After, whatever the request"
        case serverErrorOnRead = "5xx on a read: repeat"
        case serverErrorWithKey = "5xx after a keyed request arrived: it may be applied; repeat with the same key"
        case serverErrorUnrepeatable =
            "5xx after an unrepeatable request arrived: it may be applied; stop and resolve by reading"
        case lockedWithKey = "VippsError 94, order locked: the same key is in progress; repeat it later"
        case processingWithKey = "ePayment 409/6160, order processing: the payment is busy; repeat the same key later"
        case definiteAnswer = "Vipps answered the request itself: it was not applied; stop"
        case tokenNotSent = "no access token, so the request was never sent: repeat"
        case tokenRefused = "the token service refused the credentials: nothing was sent; stop"
        case notConnected = "connection or read failed before the request could act: repeat"
        case sentWithoutAnswerWithKey = "sent without a complete answer: may be applied; repeat with the same key"
        case sentWithoutAnswerUnrepeatable =
            "sent without a complete answer: may be applied; stop and resolve by reading"
        case garbledAnswer = "the answer is garbled: repeat (with the same key, which may be applied)"
        case garbledAnswerUnrepeatable = "the answer to an unrepeatable request is garbled: stop and resolve by reading"
        case cannotSend = "the request cannot be sent (TLS, bad argument): stop"
        case attemptsUsedUp = "retry_policy's max_attempts are used up: stop"
        case noTimeForTheWait = "the wait before the next attempt would pass the call's deadline: stop"
    }

    package struct Decision: Sendable, Equatable {
        package enum Action: Sendable, Equatable {
            case retry(afterMilliseconds: Int64)
            case renewTokenAndRepeat
            case stop
        }

        package var action: Action
        /// The request may have been applied at Vipps by this attempt.
        package var possiblyApplied: Bool
        package var rule: Rule

        package init(_ action: Action, possiblyApplied: Bool, _ rule: Rule) {
            self.action = action
            self.possiblyApplied = possiblyApplied
            self.rule = rule
        }
    }

    /// What to do after `failure` of a `kind` request at `attempt`.
    package func decide(_ failure: Failure, kind: RequestKind, attempt: Attempt) -> Decision {
        if case .answer(401, _, _, _) = failure, !attempt.tokenRenewed {
            return Decision(.renewTokenAndRepeat, possiblyApplied: false, .renewTokenOnce)
        }
        let (retryable, possiblyApplied, rule, retryAfter) = Self.classify(failure, kind: kind)
        guard retryable else { return Decision(.stop, possiblyApplied: possiblyApplied, rule) }
        guard attempt.number < maxAttempts else {
            return Decision(.stop, possiblyApplied: possiblyApplied, .attemptsUsedUp)
        }
        let wait = retryAfter ?? attempt.backoffMilliseconds
        guard wait < attempt.remainingMilliseconds else {
            return Decision(.stop, possiblyApplied: possiblyApplied, .noTimeForTheWait)
        }
        return Decision(.retry(afterMilliseconds: wait), possiblyApplied: possiblyApplied, rule)
    }

    /// (retryable, possibly applied, rule, the server's requested wait).
    private static func classify(_ failure: Failure, kind: RequestKind) -> (Bool, Bool, Rule, Int64?) {
        let repeatability = kind.repeatability
        switch failure {
        case .tokenFetch(let category):
            switch category {
            case .network, .timeout, .server, .rateLimited, .protocolError: return (true, false, .tokenNotSent, nil)
            default: return (false, false, .tokenRefused, nil)
            }
        case .answer(429, _, _, let retryAfter):
            return (true, false, .rateLimited, retryAfter)
        case .answer(500...599, _, _, _):
            switch repeatability {
            case .freely: return (true, false, .serverErrorOnRead, nil)
            case .withSameKey: return (true, true, .serverErrorWithKey, nil)
            case .never: return (false, true, .serverErrorUnrepeatable, nil)
            }
        case .answer(let status, let group, let code, _):
            if group?.lowercased() == "vippserror" && code == "94" && repeatability == .withSameKey {
                return (true, true, .lockedWithKey, nil)
            }
            if status == 409 && code == "6160" && repeatability == .withSameKey {
                return (true, true, .processingWithKey, nil)
            }
            return (false, false, .definiteAnswer, nil)
        case .transport(let category):
            switch category {
            case .network, .timeout, .server, .rateLimited:
                // `translate` reports a sent unrepeatable request as outcomeUnknown, so these were
                // not acted on (or were reads).
                return (true, false, .notConnected, nil)
            case .outcomeUnknown:
                if repeatability == .never { return (false, true, .sentWithoutAnswerUnrepeatable, nil) }
                return (true, true, .sentWithoutAnswerWithKey, nil)
            case .protocolError:
                if repeatability == .never { return (false, true, .garbledAnswerUnrepeatable, nil) }
                return (true, repeatability == .withSameKey, .garbledAnswer, nil)
            default:
                return (false, false, .cannotSend, nil)
            }
        }
    }

    /// What a call that ended in failure reports.
    package enum Outcome: Sendable, Equatable {
        /// The last failure as it is: Vipps did not apply the request, or it changes nothing.
        case failed
        /// May have been applied and cannot be repeated: the operation resolves it by reading the
        /// payment's details (initiate, cancel), or the caller does (force approve).
        case unknownResolveByReading
        /// May have been applied: repeating it with the same idempotency key gives the answer.
        case unknownRepeatWithSameKey
    }

    /// The outcome of a `kind` call whose attempts ended, given whether any of them may have been
    /// applied. One that may have been applied is never reported as a plain failure.
    package func outcome(kind: RequestKind, possiblyApplied: Bool) -> Outcome {
        guard possiblyApplied else { return .failed }
        switch kind.repeatability {
        case .freely: return .failed
        case .withSameKey: return .unknownRepeatWithSameKey
        case .never: return .unknownResolveByReading
        }
    }

    /// What a 2xx answer whose body is not the JSON Vipps documents means (a proxy's page, a cut
    /// body): Vipps applied the request; only its answer is lost.
    package enum UnreadableSuccess: Sendable, Equatable {
        /// Changes nothing: the answer is a protocol error.
        case protocolError
        /// Applied: the same key gets a clean answer without applying it twice.
        case appliedRepeatWithSameKey
        /// Applied, probably: the payment's details confirm it.
        case resolveByReading
        /// The payment exists, but the landing page URL went with the answer.
        case createdButLandingURLLost
    }

    package func afterUnreadableSuccess(kind: RequestKind) -> UnreadableSuccess {
        switch kind {
        case .read: .protocolError
        case .capture, .refund, .keyedCreate, .keyedCancel: .appliedRepeatWithSameKey
        case .cancel, .forceApprove: .resolveByReading
        case .initiate: .createdButLandingURLLost
        }
    }
}
