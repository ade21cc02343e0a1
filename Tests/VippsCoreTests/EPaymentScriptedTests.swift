import Testing
import VippsHTTP

@testable import VippsCore

/// ePayment's safety rules driven through a real client with scripted answers: the key on the
/// wire, a lost answer repeated with the same key, problems mapped to the library's categories.
@Suite struct EPaymentScriptedTests {
    static let token = ScriptedTransportTests.token
    static let lostAnswer = ScriptedTransportTests.lostAnswer

    static func payment(state: String = "AUTHORIZED", authorized: Int64, captured: Int64 = 0, refunded: Int64 = 0)
        -> String
    {
        func amount(_ value: Int64) -> String { #"{"currency":"NOK","value":\#(value)}"# }
        return #"{"reference":"ref-00001","pspReference":"p","state":"\#(state)","amount":\#(amount(1000)),"#
            + #""aggregate":{"authorizedAmount":\#(amount(authorized)),"capturedAmount":\#(amount(captured)),"#
            + #""refundedAmount":\#(amount(refunded)),"cancelledAmount":\#(amount(0))}}"#
    }

    static func request() -> CreatePaymentRequest {
        var request = CreatePaymentRequest()
        request.reference = "ref-00001"
        request.amount = 1000
        request.returnURL = "https://shop.example/back"
        return request
    }

    @Test func aLostCreateAnswerIsAskedForAgainWithTheSameKey() throws {
        let created = #"{"reference":"ref-00001","redirectUrl":"https://sim.example/landing?token=abc"}"#
        let transport = ScriptedTransport([
            Self.token,
            ("/epayment/v1/payments", Self.lostAnswer),
            ("/epayment/v1/payments", .answer(201, created)),
        ])
        let creation = try ScriptedTransportTests.client(transport).createPayment(Self.request(), idempotencyKey: nil)
        let keys = transport.sent.filter { $0.path == "/epayment/v1/payments" }.map(\.requestId)
        #expect(keys.count == 2 && keys[0] != nil && keys[0] == keys[1])
        #expect(creation.idempotencyKey == keys[0] && creation.landingToken == "abc")
    }

    @Test func anUnreadableCreateAnswerIsAskedForAgainWithTheSameKey() throws {
        let transport = ScriptedTransport([
            Self.token,
            ("/epayment/v1/payments", .answer(201, "<html>", contentType: "text/html")),
            ("/epayment/v1/payments", .answer(201, #"{"reference":"ref-00001"}"#)),
        ])
        let creation = try ScriptedTransportTests.client(transport).createPayment(
            Self.request(), idempotencyKey: "shop-key-1")
        #expect(transport.sent.map(\.requestId) == [nil, "shop-key-1", "shop-key-1"])
        #expect(creation.redirectURL == nil)
    }

    @Test func everythingIsTheRemainderReadJustBefore() throws {
        let transport = ScriptedTransport([
            Self.token,
            ("/epayment/v1/payments/ref-00001", .answer(200, Self.payment(authorized: 1000, captured: 300))),
            ("/epayment/v1/payments/ref-00001/events", .answer(200, "[]")),
            ("/epayment/v1/payments/ref-00001/capture", .answer(200, Self.payment(authorized: 1000, captured: 1000))),
        ])
        let result = try ScriptedTransportTests.client(transport).ePaymentCapture(
            reference: "ref-00001", amount: VippsClient.remainingAmount, idempotencyKey: nil)
        #expect(transport.sent.last?.body == #"{"modificationAmount":{"currency":"NOK","value":700}}"#)
        #expect(result.state == .captured && result.remainingToCapture == 0)
    }

    @Test func aConflictAfterAConcurrentCaptureIsReportedNotRetriedWithAnotherAmount() throws {
        let tooHigh =
            #"{"type":"https://httpstatuses.io/400","title":"Capture amount too high","status":400,"#
            + #""extraDetails":[{"name":"ErrorCode","reason":"6090"}],"traceId":"00-trace-01"}"#
        let transport = ScriptedTransport([
            Self.token,
            ("/epayment/v1/payments/ref-00001", .answer(200, Self.payment(authorized: 1000))),
            ("/epayment/v1/payments/ref-00001/events", .answer(200, "[]")),
            ("/epayment/v1/payments/ref-00001/capture", .answer(400, tooHigh)),
        ])
        let error = #expect(throws: VippsError.self) {
            try ScriptedTransportTests.client(transport).ePaymentCapture(
                reference: "ref-00001", amount: VippsClient.remainingAmount, idempotencyKey: "k-7")
        }
        #expect(transport.sent.filter { $0.path.hasSuffix("/capture") }.count == 1)
        #expect(error?.category == .rejected && error?.errorCode == "6090" && error?.contextId == "00-trace-01")
        #expect(error?.message.contains("Capture amount too high") == true)
        #expect(transport.unused == 0)
    }

    @Test func orderProcessingIsRepeatedWithTheSameKeyAndBody() throws {
        let processing =
            #"{"title":"Order processing","status":409,"detail":"Order locked and is already processing","#
            + #""extraDetails":[{"name":"ErrorCode","reason":"6160"}],"traceId":"00-trace-02"}"#
        let transport = ScriptedTransport([
            Self.token,
            ("/epayment/v1/payments/ref-00001", .answer(200, Self.payment(authorized: 1000))),
            ("/epayment/v1/payments/ref-00001/capture", .answer(409, processing)),
            ("/epayment/v1/payments/ref-00001/capture", .answer(200, Self.payment(authorized: 1000, captured: 400))),
        ])
        let result = try ScriptedTransportTests.client(transport).ePaymentCapture(
            reference: "ref-00001", amount: 400, idempotencyKey: nil)
        let captures = transport.sent.filter { $0.path.hasSuffix("/capture") }
        #expect(
            captures.count == 2 && Set(captures.map(\.requestId)).count == 1 && Set(captures.map(\.body)).count == 1)
        #expect(result.state == .partiallyCaptured && result.idempotencyKey == captures[0].requestId)
    }

    @Test func aCancelWithoutAnAnswerEndsOutcomeUnknownWithItsKey() throws {
        let transport = ScriptedTransport([
            Self.token,
            ("/epayment/v1/payments/ref-00001/cancel", Self.lostAnswer),
            ("/epayment/v1/payments/ref-00001/cancel", Self.lostAnswer),
            ("/epayment/v1/payments/ref-00001/cancel", Self.lostAnswer),
        ])
        let error = #expect(throws: VippsError.self) {
            try ScriptedTransportTests.client(transport).ePaymentCancel(
                reference: "ref-00001", cancelTransactionOnly: false, idempotencyKey: nil)
        }
        let keys = Set(transport.sent.dropFirst().map(\.requestId))
        #expect(keys.count == 1 && error?.category == .outcomeUnknown && error?.requestId == keys.first ?? nil)
    }

    @Test func aValidationProblemNamesTheField() {
        let body =
            #"{"type":"https://httpstatuses.io/400","title":"Bad Request","status":400,"#
            + #""extraDetails":[{"name":"reference","reason":"must match"}],"traceId":"t-1"}"#
        let error = ErrorResponse.error(
            from: HTTPResponse(status: 400, reason: "", headers: [], body: Array(body.utf8)))
        #expect(error.category == .rejected && error.errorGroup == "InvalidRequest" && error.errorCode == "reference")
        #expect(error.message.contains("reference: must match") && error.contextId == "t-1")
    }

    @Test func referenceNotFoundIsNotFound() {
        let body =
            #"{"title":"Reference not found","status":404,"extraDetails":[{"name":"ErrorCode","reason":"5090"}]}"#
        let error = ErrorResponse.error(
            from: HTTPResponse(status: 404, reason: "", headers: [], body: Array(body.utf8)))
        #expect(error.category == .notFound && error.errorCode == "5090" && !error.isRetryable)
    }
}

/// ePayment's input rules, checked before anything is sent.
@Suite struct EPaymentValidationTests {
    @Test(arguments: [
        ("short", false), ("abcdefgh", true), (String(repeating: "a", count: 64), true),
        (String(repeating: "a", count: 65), false), ("order_123", false),
    ])
    func createReferences(_ reference: String, _ valid: Bool) {
        var request = CreatePaymentRequest()
        #expect(((try? request.setReference(reference)) != nil) == valid)
    }

    @Test func minimumAmountsPerCurrency() {
        #expect(throws: VippsError.self) { try EPaymentValidation.amount(99, currency: .nok) }
        #expect((try? EPaymentValidation.amount(1, currency: .dkk)) != nil)
        #expect((try? EPaymentValidation.amount(1, currency: .eur)) != nil)
        #expect(throws: VippsError.self) { try EPaymentValidation.amount(65_000_001, currency: .eur) }
    }

    @Test func phoneNumbersHaveACountryCode() {
        #expect(throws: VippsError.self) { try EPaymentValidation.phoneNumber("91234567") }
        #expect(throws: VippsError.self) { try EPaymentValidation.phoneNumber("+4791234567") }
        #expect((try? EPaymentValidation.phoneNumber("4791234567")) != nil)
    }

    @Test func flowRules() {
        var push = CreatePaymentRequest()
        push.reference = "ref-00001"
        push.amount = 1000
        push.userFlow = .pushMessage
        #expect(throws: VippsError.self) { try push.validate(customEnvironment: true) }
        push.customer = .phoneNumber("4791234567")
        #expect((try? push.validate(customEnvironment: true)) != nil)
        push.expiresAt = "2026-12-24T18:00:00Z"
        let error = #expect(throws: VippsError.self) { try push.validate(customEnvironment: true) }
        #expect(error?.field == "receipt")
        var web = push
        web.userFlow = .webRedirect
        web.expiresAt = nil
        #expect(throws: VippsError.self) { try web.validate(customEnvironment: true) }  // no return URL
        web.returnURL = "http://shop.example/back"
        #expect(throws: VippsError.self) { try web.validate(customEnvironment: false) }
        #expect((try? web.validate(customEnvironment: true)) != nil)
    }

    @Test(arguments: ["2026-12-24T18:00:00Z", "2026-12-24t18:00:00.123+01:00"])
    func timestamps(_ value: String) throws { try EPaymentValidation.timestamp(value) }

    @Test(arguments: ["2026-12-24", "2026-12-24T18:00Z", "2026-12-24T18:00:00", "2026-12-24T18:00:00.Z"])
    func badTimestamps(_ value: String) {
        #expect(throws: VippsError.self) { try EPaymentValidation.timestamp(value) }
    }

    @Test func zeroNeverMeansEverything() {
        let error = #expect(throws: VippsError.self) { try EPaymentValidation.operationAmount(0) }
        #expect(error?.message.contains("VIPPS_AMOUNT_REMAINING") == true)
    }

    @Test(
        arguments: [
            ("CREATED", 0, 0, 0, 0, PaymentState.initiated), ("AUTHORIZED", 0, 0, 0, 1000, .reserved),
            ("AUTHORIZED", 300, 0, 0, 700, .partiallyCaptured), ("AUTHORIZED", 1000, 0, 0, 0, .captured),
            ("AUTHORIZED", 1000, 200, 0, 0, .partiallyRefunded), ("AUTHORIZED", 1000, 1000, 0, 0, .refunded),
            ("AUTHORIZED", 0, 0, 1000, 0, .voided), ("AUTHORIZED", 250, 0, 750, 0, .captured),
            ("ABORTED", 0, 0, 0, 0, .cancelled), ("TERMINATED", 0, 0, 1000, 0, .cancelled),
            ("EXPIRED", 0, 0, 0, 0, .expired), ("NEW", 0, 0, 0, 0, .unknown),
        ] as [(String, Int64, Int64, Int64, Int64, PaymentState)])
    func stateMapping(
        _ state: String, _ captured: Int64, _ refunded: Int64, _ cancelled: Int64, _ remaining: Int64,
        _ expected: PaymentState
    ) {
        let mapped = PaymentState(
            ePayment: state, captured: captured, refunded: refunded, cancelled: cancelled,
            remainingToCapture: remaining)
        #expect(mapped == expected)
    }
}
