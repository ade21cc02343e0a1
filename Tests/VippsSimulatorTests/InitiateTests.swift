import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

/// One rule of docs/ecom-v2.md#initiate broken, and the error Vipps answers with.
struct InvalidInitiateCase: Sendable, CustomTestStringConvertible {
    let edits: [JSONEdit]
    let status: HTTPResponse.Status
    let group: String
    let code: String

    init(_ edits: [JSONEdit], _ status: HTTPResponse.Status, _ group: String, _ code: String) {
        self.edits = edits
        self.status = status
        self.group = group
        self.code = code
    }

    /// The common case: HTTP 400, InvalidRequest, with the field's path as the code.
    init(_ edits: [JSONEdit], code: String) {
        self.init(edits, .badRequest, "InvalidRequest", code)
    }

    var testDescription: String { edits.map(\.description).joined(separator: ", ") }

    static let long256 = "https://example.com/" + String(repeating: "a", count: 236)

    static let all: [InvalidInitiateCase] = [
        .init([JSONEdit("customerInfo", .remove)], code: "customerInfo"),
        .init([JSONEdit("merchantInfo", .remove)], code: "merchantInfo"),
        .init([JSONEdit("transaction", .remove)], code: "transaction"),
        .init([JSONEdit("customerInfo.mobileNumber", .string("+4791234567"))], code: "customerInfo.mobileNumber"),
        .init([JSONEdit("customerInfo.mobileNumber", .string("9123456"))], code: "customerInfo.mobileNumber"),
        .init([JSONEdit("merchantInfo.merchantSerialNumber", .remove)], code: "merchantInfo.merchantSerialNumber"),
        .init(
            [JSONEdit("merchantInfo.merchantSerialNumber", .string("1234"))], code: "merchantInfo.merchantSerialNumber"),
        .init(
            [JSONEdit("merchantInfo.merchantSerialNumber", .string("12a456"))],
            code: "merchantInfo.merchantSerialNumber"),
        .init([JSONEdit("merchantInfo.merchantSerialNumber", .string("654321"))], .forbidden, "Merchant", "37"),
        .init(
            [JSONEdit("merchantInfo.merchantSerialNumber", .integer(123456))], .internalServerError, "VippsError", "99"),
        .init([JSONEdit("merchantInfo.callbackPrefix", .remove)], code: "merchantInfo.callbackPrefix"),
        .init(
            [JSONEdit("merchantInfo.callbackPrefix", .string("ftp://example.com/cb"))],
            code: "merchantInfo.callbackPrefix"),
        .init([JSONEdit("merchantInfo.callbackPrefix", .string(long256))], code: "merchantInfo.callbackPrefix"),
        .init([JSONEdit("merchantInfo.fallBack", .remove)], code: "merchantInfo.fallBack"),
        .init([JSONEdit("merchantInfo.fallBack", .string("not a url"))], code: "merchantInfo.fallBack"),
        .init([JSONEdit("merchantInfo.fallBack", .string(long256))], code: "merchantInfo.fallBack"),
        .init(
            [JSONEdit("merchantInfo.authToken", .string(String(repeating: "t", count: 256)))],
            code: "merchantInfo.authToken"),
        .init(
            [JSONEdit("merchantInfo.consentRemovalPrefix", .string("consent"))],
            code: "merchantInfo.consentRemovalPrefix"),
        .init(
            [JSONEdit("merchantInfo.paymentType", .string("eCom Regular Payment"))], code: "merchantInfo.paymentType"),
        .init(
            [
                JSONEdit("merchantInfo.paymentType", .string("eComm Express Payment")),
                JSONEdit("merchantInfo.shippingDetailsPrefix", .string("https://example.com/shipping")),
            ],
            code: "merchantInfo.consentRemovalPrefix"
        ),
        .init(
            [
                JSONEdit("merchantInfo.paymentType", .string("eComm Express Payment")),
                JSONEdit("merchantInfo.consentRemovalPrefix", .string("https://example.com/consents")),
            ],
            code: "merchantInfo.shippingDetailsPrefix"
        ),
        .init([JSONEdit("merchantInfo.isApp", .string("true"))], .internalServerError, "VippsError", "99"),
        .init([JSONEdit("transaction.orderId", .remove)], code: "transaction.orderId"),
        .init([JSONEdit("transaction.orderId", .string(""))], code: "transaction.orderId"),
        .init([JSONEdit("transaction.orderId", .string("order 1"))], code: "transaction.orderId"),
        .init(
            [JSONEdit("transaction.orderId", .string(String(repeating: "a", count: 51)))], code: "transaction.orderId"),
        .init([JSONEdit("transaction.amount", .remove)], code: "transaction.amount"),
        .init([JSONEdit("transaction.amount", .integer(99))], code: "transaction.amount"),
        .init([JSONEdit("transaction.amount", .integer(0))], code: "transaction.amount"),
        .init([JSONEdit("transaction.amount", .double(100.5))], .internalServerError, "VippsError", "99"),
        .init([JSONEdit("transaction.amount", .string("20000"))], .internalServerError, "VippsError", "99"),
        .init([JSONEdit("transaction.transactionText", .remove)], code: "transaction.transactionText"),
        .init([JSONEdit("transaction.transactionText", .string(""))], code: "transaction.transactionText"),
        .init(
            [JSONEdit("transaction.transactionText", .string(String(repeating: "x", count: 101)))],
            code: "transaction.transactionText"),
        .init([JSONEdit("transaction.scope", .string("name shoeSize"))], code: "transaction.scope"),
        .init(
            [
                JSONEdit("transaction.skipLandingPage", .bool(true)),
                JSONEdit("customerInfo.mobileNumber", .string("91234567")),
            ],
            .badRequest, "Merchant", "38"
        ),
    ]
}

@Suite("POST /ecomm/v2/payments")
struct InitiateTests {
    @Test("each broken rule gives its error", arguments: InvalidInitiateCase.all)
    func rejects(_ invalid: InvalidInitiateCase) async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let reply = try await session.initiate(InitiateBody.json(edits: invalid.edits), token: token)
            try reply.expectBackendError(invalid.status, group: invalid.group, code: invalid.code)
        }
    }

    @Test("bodies that are not a JSON object give HTTP 500, VippsError 99", arguments: ["", "{bad", "[]", "\"text\""])
    func unreadableBody(_ body: String) async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.initiate(body, token: token).expectBackendError(
                .internalServerError, group: "VippsError", code: "99")
        }
    }

    @Test("returns the landing page URL on the simulator itself")
    func landingURL() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let reply = try await session.initiate(InitiateBody.json(orderId: "order-1"), token: token)
            #expect(reply.status == .ok)
            let body = try reply.object()
            #expect(body["orderId"] as? String == "order-1")
            let url = try #require(body["url"] as? String)
            #expect(url.hasPrefix("http://127.0.0.1:8443/dwo-api-application/v1/deeplink/vippsgateway?v=2&token="))
            #expect(url.components(separatedBy: "token=").last?.count ?? 0 >= 40)
        }
    }

    @Test("isApp returns the test app's deeplink, and fallBack may then be anything")
    func appDeeplink() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let body = InitiateBody.json(edits: [
                JSONEdit("merchantInfo.isApp", .bool(true)), JSONEdit("merchantInfo.fallBack", .string("INTENT")),
            ])
            let reply = try await session.initiate(body, token: token)
            #expect(reply.status == .ok, "\(reply.text)")
            let url = try #require(try reply.object()["url"] as? String)
            #expect(url.hasPrefix("vippsMT://?token="))
        }
    }

    @Test("friendly deviations: http:// and custom-scheme URLs, unknown fields, the trailing slash")
    func acceptsLocalShops() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let body = InitiateBody.json(
                orderId: "order-2",
                amount: 100,
                edits: [
                    JSONEdit("merchantInfo.fallBack", .string("myshop://vipps/result")),
                    JSONEdit("merchantInfo.authToken", .string("callback-secret")),
                    JSONEdit("merchantInfo.vippsSomethingNew", .string("ignored")),
                    JSONEdit("transaction.timeStamp", .string("2018-11-14T15:21:04.697Z")),
                    JSONEdit("transaction.useExplicitCheckoutFlow", .bool(true)),
                    JSONEdit("transaction.scope", .string("name email")),
                    JSONEdit("customerInfo.mobileNumber", .string("91234567")),
                ]
            )
            let reply = try await session.send(
                .post, "/ecomm/v2/payments/", headers: SimulatorSession.apiHeaders(token: token), body: body)
            #expect(reply.status == .ok, "\(reply.text)")
        }
    }

    @Test("an express payment with static shipping details (loosely typed, as real clients send them)")
    func expressPayment() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let body = #"""
                {"customerInfo":{},"merchantInfo":{"merchantSerialNumber":"123456","callbackPrefix":"https://example.com/cb",
                "fallBack":"https://example.com/fb","consentRemovalPrefix":"https://example.com/consents",
                "paymentType":"eComm Express Payment","staticShippingDetails":[{"isDefault":"Y","priority":"0",
                "shippingCost":"99.00","shippingMethod":"Walking","shippingMethodId":"walk"}]},
                "transaction":{"orderId":"express-1","amount":20000,"transactionText":"Socks"}}
                """#
            #expect(try await session.initiate(body, token: token).status == .ok)
        }
    }

    @Test("a reused orderId is Merchant error 34 for the same sales unit only")
    func duplicateOrderId() async throws {
        try await SimulatorHarness(merchantSerialNumbers: ["123456", "654321"]).run { session in
            let token = try await session.fetchToken()
            #expect(try await session.initiate(InitiateBody.json(orderId: "dup"), token: token).status == .ok)
            try await session.initiate(InitiateBody.json(orderId: "dup"), token: token)
                .expectBackendError(.badRequest, group: "Merchant", code: "34")
            let other = InitiateBody.json(
                orderId: "dup", edits: [JSONEdit("merchantInfo.merchantSerialNumber", .string("654321"))])
            #expect(try await session.initiate(other, token: token).status == .ok)
        }
    }

    @Test("the body's MSN must match a Merchant-Serial-Number header")
    func headerMismatch() async throws {
        try await SimulatorHarness(merchantSerialNumbers: ["123456", "654321"]).run { session in
            let token = try await session.fetchToken()
            try await session.initiate(InitiateBody.json(), token: token, msn: "654321")
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "merchantInfo.merchantSerialNumber")
            #expect(try await session.initiate(InitiateBody.json(), token: token, msn: "123456").status == .ok)
        }
    }
}
