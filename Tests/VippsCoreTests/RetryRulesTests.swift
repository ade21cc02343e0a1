import Testing
import VippsCore

/// The retry and outcome rules as a table: one row per rule, each a failure of one request kind at
/// one attempt and what must happen next. A row that fails names the money-safety rule it guards.
@Suite struct RetryRulesTests {
    typealias Failure = RetryRules.Failure
    typealias Decision = RetryRules.Decision

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var failure: Failure
        var kind: RequestKind
        var attempt = 1
        var tokenRenewed = false
        var remaining: Int64 = 60_000
        var expected: Decision

        var testDescription: String { name }
    }

    static let rules = RetryRules(maxAttempts: 4)
    static let backoff: Int64 = 250

    static func answer(_ status: Int, _ group: String? = nil, _ code: String? = nil, retryAfter: Int64? = nil)
        -> Failure
    {
        .answer(status: status, errorGroup: group, errorCode: code, retryAfterMilliseconds: retryAfter)
    }

    static func retry(applied: Bool, _ rule: RetryRules.Rule, after wait: Int64 = backoff) -> Decision {
        Decision(.retry(afterMilliseconds: wait), possiblyApplied: applied, rule)
    }

    static func stop(applied: Bool, _ rule: RetryRules.Rule) -> Decision {
        Decision(.stop, possiblyApplied: applied, rule)
    }

    static let rows: [Row] = [
        Row(
            name: "a first 401 renews the token and repeats the same attempt, even for initiate",
            failure: answer(401), kind: .initiate,
            expected: Decision(.renewTokenAndRepeat, possiblyApplied: false, .renewTokenOnce)),
        Row(
            name: "a second 401 in one call is a definite answer",
            failure: answer(401), kind: .capture, tokenRenewed: true,
            expected: stop(applied: false, .definiteAnswer)),
        Row(
            name: "429 is repeated after Retry-After for an unrepeatable request",
            failure: answer(429, retryAfter: 2_000), kind: .cancel,
            expected: retry(applied: false, .rateLimited, after: 2_000)),
        Row(
            name: "429 without Retry-After waits the backoff",
            failure: answer(429), kind: .refund, expected: retry(applied: false, .rateLimited)),
        Row(
            name: "429 whose Retry-After passes the deadline stops",
            failure: answer(429, retryAfter: 5_000), kind: .read, remaining: 4_000,
            expected: stop(applied: false, .noTimeForTheWait)),
        Row(
            name: "5xx on a read is repeated and applied nothing",
            failure: answer(503), kind: .read, expected: retry(applied: false, .serverErrorOnRead)),
        Row(
            name: "5xx on capture is repeated with the same key and may be applied",
            failure: answer(500), kind: .capture, expected: retry(applied: true, .serverErrorWithKey)),
        Row(
            name: "5xx on refund is repeated with the same key and may be applied",
            failure: answer(502), kind: .refund, expected: retry(applied: true, .serverErrorWithKey)),
        Row(
            name: "5xx on initiate is never sent again blindly: resolve by reading",
            failure: answer(500, "VippsError", "99"), kind: .initiate,
            expected: stop(applied: true, .serverErrorUnrepeatable)),
        Row(
            name: "5xx on cancel is never sent again blindly: resolve by reading",
            failure: answer(504), kind: .cancel, expected: stop(applied: true, .serverErrorUnrepeatable)),
        Row(
            name: "5xx on force approve is never sent again blindly",
            failure: answer(500), kind: .forceApprove, expected: stop(applied: true, .serverErrorUnrepeatable)),
        Row(
            name: "VippsError 94 (order locked) on capture is repeated later with the same key",
            failure: answer(400, "VippsError", "94"), kind: .capture,
            expected: retry(applied: true, .lockedWithKey)),
        Row(
            name: "the error group of 94 is matched whatever its casing",
            failure: answer(400, "vippserror", "94"), kind: .refund,
            expected: retry(applied: true, .lockedWithKey)),
        Row(
            name: "VippsError 94 on a cancel resend is not sent a third time: the resolution reads the details",
            failure: answer(400, "VippsError", "94"), kind: .cancel,
            expected: stop(applied: false, .definiteAnswer)),
        Row(
            name: "a business refusal (Payment 61) is final",
            failure: answer(400, "Payment", "61"), kind: .capture, expected: stop(applied: false, .definiteAnswer)),
        Row(
            name: "an error array inside a 2xx is a refusal, not success",
            failure: answer(200, "Merchant", "34"), kind: .initiate, expected: stop(applied: false, .definiteAnswer)),
        Row(
            name: "404 on a read is final",
            failure: answer(404), kind: .read, expected: stop(applied: false, .definiteAnswer)),
        Row(
            name: "a garbled token answer means the initiate was never sent: repeat, nothing applied",
            failure: .tokenFetch(.protocolError), kind: .initiate, expected: retry(applied: false, .tokenNotSent)),
        Row(
            name: "a garbled token answer means the capture was never sent: nothing applied",
            failure: .tokenFetch(.protocolError), kind: .capture, expected: retry(applied: false, .tokenNotSent)),
        Row(
            name: "a token service 5xx is repeated; the cancel was never sent",
            failure: .tokenFetch(.server), kind: .cancel, expected: retry(applied: false, .tokenNotSent)),
        Row(
            name: "refused credentials stop the call; nothing was sent",
            failure: .tokenFetch(.authentication), kind: .refund, expected: stop(applied: false, .tokenRefused)),
        Row(
            name: "a failed connection is repeated for every kind, initiate included",
            failure: .transport(.network), kind: .initiate, expected: retry(applied: false, .notConnected)),
        Row(
            name: "a read timeout on a read is repeated",
            failure: .transport(.timeout), kind: .read, expected: retry(applied: false, .notConnected)),
        Row(
            name: "a capture sent without a complete answer is repeated with the same key",
            failure: .transport(.outcomeUnknown), kind: .capture,
            expected: retry(applied: true, .sentWithoutAnswerWithKey)),
        Row(
            name: "an initiate sent without a complete answer stops for resolution by reading",
            failure: .transport(.outcomeUnknown), kind: .initiate,
            expected: stop(applied: true, .sentWithoutAnswerUnrepeatable)),
        Row(
            name: "a cancel sent without a complete answer stops for resolution by reading",
            failure: .transport(.outcomeUnknown), kind: .cancel,
            expected: stop(applied: true, .sentWithoutAnswerUnrepeatable)),
        Row(
            name: "a garbled answer to a read is repeated and applied nothing",
            failure: .transport(.protocolError), kind: .read, expected: retry(applied: false, .garbledAnswer)),
        Row(
            name: "a garbled answer to a refund is repeated with the same key and may be applied",
            failure: .transport(.protocolError), kind: .refund, expected: retry(applied: true, .garbledAnswer)),
        Row(
            name: "a garbled answer to a cancel stops for resolution by reading",
            failure: .transport(.protocolError), kind: .cancel,
            expected: stop(applied: true, .garbledAnswerUnrepeatable)),
        Row(
            name: "a TLS failure is not repeated",
            failure: .transport(.tls), kind: .read, expected: stop(applied: false, .cannotSend)),
        Row(
            name: "the last attempt of a capture stops but remembers it may be applied",
            failure: answer(503), kind: .capture, attempt: 4, expected: stop(applied: true, .attemptsUsedUp)),
        Row(
            name: "a backoff that passes the call's deadline stops",
            failure: .transport(.network), kind: .read, remaining: 100,
            expected: stop(applied: false, .noTimeForTheWait)),
        // ePayment: create and cancel carry an Idempotency-Key, so they repeat like capture and refund.
        Row(
            name: "an ePayment create sent without a complete answer is repeated with the same key",
            failure: .transport(.outcomeUnknown), kind: .keyedCreate,
            expected: retry(applied: true, .sentWithoutAnswerWithKey)),
        Row(
            name: "an ePayment cancel after a 5xx is repeated with the same key",
            failure: answer(500), kind: .keyedCancel, expected: retry(applied: true, .serverErrorWithKey)),
        Row(
            name: "a garbled answer to an ePayment create is repeated with the same key and may be applied",
            failure: .transport(.protocolError), kind: .keyedCreate, expected: retry(applied: true, .garbledAnswer)),
        Row(
            name: "ePayment 409/6160 (order processing) on a capture is repeated later with the same key",
            failure: answer(409, nil, "6160"), kind: .capture, expected: retry(applied: true, .processingWithKey)),
        Row(
            name: "ePayment 409/6160 on a cancel is repeated later with the same key",
            failure: answer(409, nil, "6160"), kind: .keyedCancel, expected: retry(applied: true, .processingWithKey)),
        Row(
            name: "an ePayment idempotency conflict (409/4010) is a definite answer",
            failure: answer(409, nil, "4010"), kind: .capture, expected: stop(applied: false, .definiteAnswer)),
        Row(
            name: "an ePayment 'capture amount too high' (6090) is a definite answer, never a retry",
            failure: answer(400, nil, "6090"), kind: .capture, expected: stop(applied: false, .definiteAnswer)),
    ]

    @Test(arguments: rows)
    func decision(_ row: Row) {
        let attempt = RetryRules.Attempt(
            number: row.attempt, tokenRenewed: row.tokenRenewed, backoffMilliseconds: Self.backoff,
            remainingMilliseconds: row.remaining)
        #expect(Self.rules.decide(row.failure, kind: row.kind, attempt: attempt) == row.expected)
    }

    @Test func everyRuleHasARow() {
        let covered = Set(Self.rows.map(\.expected.rule))
        let missing = RetryRules.Rule.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rules without a row: \(missing)")
    }

    @Test func oneAttemptMeansNoRetry() {
        let attempt = RetryRules.Attempt(
            number: 1, tokenRenewed: false, backoffMilliseconds: 0, remainingMilliseconds: 60_000)
        let decision = RetryRules(maxAttempts: 1).decide(.transport(.network), kind: .read, attempt: attempt)
        #expect(decision == Self.stop(applied: false, .attemptsUsedUp))
    }

    struct OutcomeRow: CustomTestStringConvertible, Sendable {
        var name: String
        var kind: RequestKind
        var possiblyApplied: Bool
        var expected: RetryRules.Outcome
        var testDescription: String { name }
    }

    static let outcomes: [OutcomeRow] = [
        OutcomeRow(
            name: "a capture that may be applied ends outcome-unknown, to be repeated with its key",
            kind: .capture, possiblyApplied: true, expected: .unknownRepeatWithSameKey),
        OutcomeRow(
            name: "a refund that may be applied ends outcome-unknown, to be repeated with its key",
            kind: .refund, possiblyApplied: true, expected: .unknownRepeatWithSameKey),
        OutcomeRow(
            name: "an initiate that may be applied is resolved by reading",
            kind: .initiate, possiblyApplied: true, expected: .unknownResolveByReading),
        OutcomeRow(
            name: "a cancel that may be applied is resolved by reading",
            kind: .cancel, possiblyApplied: true, expected: .unknownResolveByReading),
        OutcomeRow(
            name: "a force approve that may be applied is reported outcome-unknown",
            kind: .forceApprove, possiblyApplied: true, expected: .unknownResolveByReading),
        OutcomeRow(
            name: "an initiate whose token fetch failed was never sent: a plain failure",
            kind: .initiate, possiblyApplied: false, expected: .failed),
        OutcomeRow(name: "a read is a plain failure", kind: .read, possiblyApplied: true, expected: .failed),
        OutcomeRow(
            name: "an ePayment create that may be applied ends outcome-unknown, to be repeated with its key",
            kind: .keyedCreate, possiblyApplied: true, expected: .unknownRepeatWithSameKey),
        OutcomeRow(
            name: "an ePayment cancel that may be applied ends outcome-unknown, to be repeated with its key",
            kind: .keyedCancel, possiblyApplied: true, expected: .unknownRepeatWithSameKey),
    ]

    @Test(arguments: outcomes)
    func outcome(_ row: OutcomeRow) {
        #expect(Self.rules.outcome(kind: row.kind, possiblyApplied: row.possiblyApplied) == row.expected)
    }

    @Test(arguments: [
        (RequestKind.capture, RetryRules.UnreadableSuccess.appliedRepeatWithSameKey),
        (.refund, .appliedRepeatWithSameKey),
        (.cancel, .resolveByReading),
        (.initiate, .createdButLandingURLLost),
        (.read, .protocolError),
        (.keyedCreate, .appliedRepeatWithSameKey),
        (.keyedCancel, .appliedRepeatWithSameKey),
    ])
    func aTwoHundredWithAnUnreadableBodyWasApplied(_ kind: RequestKind, _ expected: RetryRules.UnreadableSuccess) {
        #expect(Self.rules.afterUnreadableSuccess(kind: kind) == expected)
    }
}
