import Testing

@testable import VippsCore

@Suite struct RetryAndRedactionTests {
    @Test func backoffGrowsWithJitterAndStaysBounded() {
        let policy = RetryPolicy(maxAttempts: 10, initialBackoffMilliseconds: 200, maxBackoffMilliseconds: 1_000)
        for _ in 0..<50 {
            let first = policy.backoff(afterAttempt: 1)
            #expect(first >= 100 && first <= 200)
            let third = policy.backoff(afterAttempt: 3)
            #expect(third >= 400 && third <= 800)
            let late = policy.backoff(afterAttempt: 30)
            #expect(late >= 500 && late <= 1_000)
        }
    }

    @Test func retryPolicyLimitsAreChecked() {
        #expect(throws: VippsError.self) { try RetryPolicy(maxAttempts: 0).check() }
        #expect(throws: VippsError.self) { try RetryPolicy(maxAttempts: 21).check() }
        #expect(throws: VippsError.self) {
            try RetryPolicy(initialBackoffMilliseconds: 500, maxBackoffMilliseconds: 100).check()
        }
        #expect(throws: Never.self) { try RetryPolicy().check() }
    }

    @Test func retryAfterIsReadInSecondsAndCapped() {
        #expect(VippsClient.retryAfter("2") == 2_000)
        #expect(VippsClient.retryAfter(" 1 ") == 1_000)
        #expect(VippsClient.retryAfter("9999") == 120_000)
        #expect(VippsClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(VippsClient.retryAfter(nil) == nil)
    }

    @Test func errorArraysInsideA200AreErrors() {
        #expect(ErrorResponse.isErrorBody(Array(#" [{"errorGroup":"VippsError","errorCode":"99"}]"#.utf8)))
        #expect(!ErrorResponse.isErrorBody(Array(#"{"orderId":"x"}"#.utf8)))
        #expect(!ErrorResponse.isErrorBody(Array("[]".utf8)))
    }

    @Test func logBodiesMaskSecretsAlwaysAndPersonalDataByDefault() {
        let body = Array(
            #"{"merchantInfo":{"authToken":"s3cret","callbackPrefix":"https://x"},"customerInfo":{"mobileNumber":"91234567"},"userDetails":{"email":"a@b.no"}}"#
                .utf8)
        let masked = LogRedaction.body(body, includePersonalData: false)
        #expect(!masked.contains("s3cret") && !masked.contains("91234567") && !masked.contains("a@b.no"))
        #expect(masked.contains("https://x"))
        let withPersonal = LogRedaction.body(body, includePersonalData: true)
        #expect(!withPersonal.contains("s3cret") && withPersonal.contains("91234567"))
    }

    @Test func idempotencyKeysFitVippsLimit() {
        let key = VippsClient.newIdempotencyKey()
        #expect(key.count <= 40 && key.hasPrefix("vipps-"))
        #expect(key != VippsClient.newIdempotencyKey())
    }

    @Test func shippingCostsAreExactKroner() throws {
        var response = try ShippingDetailsResponse(addressId: 3960, orderId: "o-1")
        try response.add(ShippingOption(methodId: "a", method: "A", costInOre: 9950, isDefault: true, priority: 1))
        try response.add(ShippingOption(methodId: "b", method: "B", costInOre: 1, isDefault: false, priority: 2))
        let json = try response.json()
        #expect(json.contains(#""shippingCost":99.5"#) && json.contains(#""shippingCost":0.01"#))
    }

    @Test func callbackAuthorizationComparison() {
        #expect(throws: Never.self) { try Callbacks.verifyAuthorization(expected: "abc", header: "abc") }
        #expect(throws: VippsError.self) { try Callbacks.verifyAuthorization(expected: "abc", header: "abd") }
        #expect(throws: VippsError.self) { try Callbacks.verifyAuthorization(expected: "abc", header: "ab") }
        #expect(throws: VippsError.self) { try Callbacks.verifyAuthorization(expected: "abc", header: nil) }
    }

    @Test func callbackStatusVocabulariesMapToOneState() {
        #expect(PaymentCallback.state(forCallbackStatus: "RESERVED") == .reserved)
        #expect(PaymentCallback.state(forCallbackStatus: "RESERVE") == .reserved)
        #expect(PaymentCallback.state(forCallbackStatus: "SALE") == .captured)
        #expect(PaymentCallback.state(forCallbackStatus: "SALE_FAILED") == .failed)
        #expect(PaymentCallback.state(forCallbackStatus: "cancelled") == .cancelled)
        #expect(PaymentCallback.state(forCallbackStatus: "REJECTED") == .expired)
        #expect(PaymentCallback.state(forCallbackStatus: "SOMETHING") == .unknown)
    }
}
