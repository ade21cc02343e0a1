import Testing

@testable import VippsCore

private func details(_ json: String) throws -> PaymentDetails {
    try PaymentDetails.parse(Array(json.utf8), requestedOrderId: "order-1")
}

private func entry(_ operation: String, _ amount: Int64, success: Bool = true) -> String {
    #"{"operation":"\#(operation)","amount":\#(amount),"operationSuccess":\#(success),"transactionText":"t","transactionId":"5001420062","timeStamp":"2018-11-14T15:21:22.126Z","requestId":""}"#
}

private func body(_ entries: [String], summary: String? = nil) -> String {
    let log = "[" + entries.joined(separator: ",") + "]"
    return #"{"orderId":"order-1","transactionLogHistory":\#(log)"#
        + (summary.map { #","transactionSummary":\#($0)"# } ?? "") + "}"
}

private func summary(_ c: Int, _ rc: Int, _ r: Int, _ rr: Int) -> String {
    #"{"capturedAmount":\#(c),"remainingAmountToCapture":\#(rc),"refundedAmount":\#(r),"remainingAmountToRefund":\#(rr)}"#
}

/// The one merchant-facing state, derived from the log and summary (docs/ecom-v2.md#payment-states to #amounts).
@Suite struct PaymentDetailsTests {
    @Test func initiatedHasNoSummary() throws {
        let d = try details(body([entry("INITIATE", 20000)]))
        #expect(d.state == .initiated && d.amount == 20000 && d.remainingToCapture == 0 && d.log.count == 1)
    }

    @Test func reserved() throws {
        let d = try details(
            body([entry("RESERVE", 20000), entry("INITIATE", 20000)], summary: summary(0, 20000, 0, 0)))
        #expect(d.state == .reserved && d.remainingToCapture == 20000)
    }

    @Test func captureAndRefundStates() throws {
        let partial = try details(
            body(
                [entry("CAPTURE", 5000), entry("RESERVE", 20000), entry("INITIATE", 20000)],
                summary: summary(5000, 15000, 0, 5000)))
        #expect(partial.state == .partiallyCaptured)
        let full = try details(
            body(
                [entry("CAPTURE", 20000), entry("RESERVE", 20000), entry("INITIATE", 20000)],
                summary: summary(20000, 0, 0, 20000)))
        #expect(full.state == .captured)
        let partRefund = try details(
            body(
                [
                    entry("REFUND", 100), entry("CAPTURE", 20000), entry("RESERVE", 20000),
                    entry("INITIATE", 20000),
                ], summary: summary(20000, 0, 100, 19900)))
        #expect(partRefund.state == .partiallyRefunded && partRefund.refundedAmount == 100)
        let refunded = try details(
            body(
                [
                    entry("REFUND", 20000), entry("CAPTURE", 20000), entry("RESERVE", 20000),
                    entry("INITIATE", 20000),
                ], summary: summary(20000, 0, 20000, 0)))
        #expect(refunded.state == .refunded)
        let sale = try details(
            body([entry("SALE", 20000), entry("INITIATE", 20000)], summary: summary(20000, 0, 0, 20000)))
        #expect(sale.state == .captured)
    }

    @Test func cancelledVoidedAndFailed() throws {
        #expect(try details(body([entry("CANCEL", 20000), entry("INITIATE", 20000)])).state == .cancelled)
        #expect(
            try details(
                body(
                    [entry("VOID", 20000), entry("RESERVE", 20000), entry("INITIATE", 20000)],
                    summary: summary(0, 0, 0, 0))
            ).state == .voided)
        #expect(try details(body([entry("RESERVE", 151, success: false), entry("INITIATE", 151)])).state == .failed)
    }

    @Test func lenientAboutNumbersAsStringsAndCasing() throws {
        let d = try details(
            #"{"transactionLogHistory":[{"operation":"initiate","amount":"1500","operationSuccess":true}]}"#)
        #expect(
            d.state == .initiated && d.amount == 1500 && d.orderId == "order-1" && d.log.first?.operation == "INITIATE")
    }

    @Test func nonObjectBodiesAreProtocolErrors() {
        #expect(throws: VippsError.self) { try details("[]") }
        #expect(throws: VippsError.self) { try details("not json") }
    }
}

@Suite struct SmallPiecesTests {
    @Test func tokenLifetimeAsStringOrNumber() {
        #expect(JSONValue.parse(Array(#"{"expires_in":"3600"}"#.utf8))?["expires_in"]?.integerValue == 3600)
        #expect(JSONValue.parse(Array(#"{"expires_in":86400}"#.utf8))?["expires_in"]?.integerValue == 86400)
        #expect(JSONValue.parse(Array(#"{"expires_in":"soon"}"#.utf8))?["expires_in"]?.integerValue == nil)
    }

    @Test func tokensAreRefreshedAheadOfExpiry() {
        #expect(AccessTokenProvider.refreshAfter(3600) == 3300)
        #expect(AccessTokenProvider.refreshAfter(86400) == 86100)
        #expect(AccessTokenProvider.refreshAfter(60) == 48)
        #expect(AccessTokenProvider.refreshAfter(-5) == 0)
    }

    @Test func landingTokenIsReadFromTheURL() {
        #expect(VippsClient.queryValue(named: "token", in: "https://x/deeplink?v=2&token=abc.def") == "abc.def")
        #expect(VippsClient.queryValue(named: "token", in: "vippsMT://?token=t1") == "t1")
        #expect(VippsClient.queryValue(named: "token", in: "https://x/no-query") == nil)
    }

    @Test func orderIdsArePercentEncodedInPaths() {
        #expect(VippsClient.pathSegment("abc-123") == "abc-123")
        #expect(VippsClient.pathSegment("a b/c") == "a%20b%2Fc")
    }

    @Test func secretsAreRedactedFromMessages() throws {
        var configuration = ClientConfiguration()
        configuration.environment = .custom(baseURL: "http://127.0.0.1:1")
        configuration.clientId = "id"
        configuration.clientSecret = "super-secret-value"
        configuration.subscriptionKey = "subscription-key-value"
        configuration.merchantSerialNumber = "123456"
        let client = try VippsClient(configuration)
        let error = client.redacted(VippsError(.rejected, "echo: super-secret-value and subscription-key-value"))
        #expect(!error.message.contains("super-secret-value") && !error.message.contains("subscription-key-value"))
    }
}

@Suite struct HostileNumbersTests {
    @Test func hugeAmountsNeitherTrapNorOverflow() throws {
        let entries = (0..<3).map { _ in #"{"operation":"CAPTURE","amount":8999999999999999,"operationSuccess":true}"# }
        let big = try PaymentDetails.parse(
            Array(
                #"{"transactionLogHistory":[\#(entries.joined(separator: ",")),{"operation":"RESERVE","amount":1,"operationSuccess":true}]}"#
                    .utf8),
            requestedOrderId: "o")
        #expect(big.capturedAmount > 0)
        let minimum = JSONValue.parse(Array(#"{"a":"-9223372036854775808"}"#.utf8))?["a"]?.integerValue
        #expect(minimum == nil)
    }
}

@Suite struct HostileJSONTests {
    @Test func deeplyNestedBodiesAreRefusedWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONValue.parse(Array(deep.utf8)) == nil)
        #expect(throws: VippsError.self) { try PaymentDetails.parse(Array(deep.utf8), requestedOrderId: "o") }
    }
}
