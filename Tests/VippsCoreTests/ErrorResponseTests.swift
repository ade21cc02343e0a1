import Testing
import VippsHTTP

@testable import VippsCore

private func error(_ status: Int, _ body: String) -> VippsError {
    ErrorResponse.error(from: HTTPResponse(status: status, reason: "Reason", headers: [], body: Array(body.utf8)))
}

/// Every error body shape of docs/ecom-v2.md#error-bodies becomes one VippsError.
@Suite struct ErrorResponseTests {
    @Test func backendErrorArray() {
        let e = error(
            400,
            #"[{"errorGroup":"Payment","errorMessage":"Refused by issuer","errorCode":"44","contextId":"f70b8bf7"}]"#)
        #expect(e.category == .rejected)
        #expect(e.httpStatus == 400 && e.errorGroup == "Payment" && e.errorCode == "44" && e.contextId == "f70b8bf7")
        #expect(e.message.contains("Refused by issuer") && e.message.contains("Payment 44"))
        #expect(!e.isRetryable)
    }

    @Test func notFoundAndCaseInsensitiveFields() {
        let e = error(
            404, #"[{"ErrorGroup":"MERCHANT","ErrorCode":35,"ErrorMessage":"The orderId 'x' does not exist"}]"#)
        #expect(e.category == .notFound && e.errorGroup == "MERCHANT" && e.errorCode == "35")
    }

    @Test func gatewayStatusCodeObject() {
        let e = error(401, #"{"statusCode":401,"message":"Access denied due to invalid subscription key."}"#)
        #expect(e.category == .authentication)
        #expect(e.message.contains("invalid subscription key"))
    }

    @Test func gatewayErrorCodeObject() {
        let e = error(
            401, #"{"errorCode":"Unauthorized","errorMessage":"Subscription not found","contextId":"ff0b3ca8"}"#)
        #expect(
            e.errorCode == "Unauthorized" && e.contextId == "ff0b3ca8" && e.message.contains("Subscription not found"))
    }

    @Test func azureResponseInfoObject() {
        let e = error(500, #"{"responseInfo":{"responseCode":"1000","responseMessage":"Something went wrong."}}"#)
        #expect(e.category == .server && e.isRetryable && e.errorCode == "1000")
        #expect(e.message.contains("Something went wrong."))
    }

    @Test func tokenServiceAzureADObject() {
        let e = error(
            401, #"{"error":"unauthorized_client","error_description":"AADSTS70001: not found","correlation_id":"c-1"}"#
        )
        #expect(e.category == .authentication && e.errorCode == "unauthorized_client" && e.contextId == "c-1")
    }

    @Test func unparseableBodiesStillGiveStatusAndReason() {
        let e = error(502, "<html>Bad gateway</html>")
        #expect(e.category == .server && e.httpStatus == 502 && e.message.contains("HTTP 502"))
    }

    @Test func retryableClassification() {
        #expect(error(429, "{}").category == .rateLimited)
        #expect(error(429, "{}").isRetryable)
        #expect(
            error(400, #"[{"errorGroup":"VippsError","errorCode":"94","errorMessage":"Order locked"}]"#).isRetryable)
        #expect(!error(400, #"[{"errorGroup":"VippsError","errorCode":"93","errorMessage":"x"}]"#).isRetryable)
    }
}
