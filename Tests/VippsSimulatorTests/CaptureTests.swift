import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("POST …/capture")
struct CaptureTests {
    @Test(
        "full capture: TransactionResponse with a new 10-digit id, a CAPTURE line with the X-Request-Id, summary {R, 0, 0, R}"
    )
    func fullCapture() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            harness.clock.advance(by: 60)
            let reply = try await session.capture("order-1", token: token, amount: 20000, requestID: "capture-1")
            #expect(reply.status == .ok, "\(reply.text)")
            let body = try reply.object()
            #expect(body["orderId"] as? String == "order-1")
            let info = try reply.info()
            #expect(info["amount"] as? Int == 20000)
            #expect(info["status"] as? String == "Captured")
            #expect(info["transactionText"] as? String == "Socks on the way")
            #expect(info["timeStamp"] as? String == "2025-06-15T15:07:40.000Z")
            let transactionId = try #require(info["transactionId"] as? String)
            #expect(transactionId.count == 10 && transactionId.allSatisfy(\.isNumber))
            #expect(try reply.summary() == [20000, 0, 0, 20000])

            let details = try await session.details("order-1", token: token)
            #expect(try details.summary() == [20000, 0, 0, 20000])
            let history = try #require(try details.object()["transactionLogHistory"] as? [[String: Any]])
            #expect(history.map { $0["operation"] as? String } == ["CAPTURE", "RESERVE", "INITIATE"])
            #expect(history[0]["requestId"] as? String == "capture-1")
            #expect(history[0]["transactionId"] as? String == transactionId)
            #expect(history[0]["transactionId"] as? String != history[1]["transactionId"] as? String)
            #expect(history[0]["amount"] as? Int == 20000)
            #expect(history[0]["transactionText"] as? String == "Socks on the way")
        }
    }

    @Test(
        "an omitted, null or zero amount captures everything remaining (docs/ecom-v2.md#full-capture-or-refund)",
        arguments: ["omitted", "null", "zero"])
    func captureAll(_ variant: String) async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 30000)
            #expect(try await session.capture("order-1", token: token, amount: 10000).status == .ok)
            let body: String =
                switch variant {
                case "null":
                    #"{"merchantInfo":{"merchantSerialNumber":"123456"},"transaction":{"amount":null,"transactionText":"rest"}}"#
                case "zero": SimulatorSession.actionBody(amount: 0, text: "rest")
                default: SimulatorSession.actionBody(amount: nil, text: "rest")
                }
            let reply = try await session.capture("order-1", token: token, amount: nil, rawBody: body)
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(try reply.info()["amount"] as? Int == 20000)
            #expect(try reply.summary() == [30000, 0, 0, 30000])
        }
    }

    @Test("partial captures add up; each has its own line and id; more than remains is Payment 61")
    func partialCaptures() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            let first = try await session.capture("order-1", token: token, amount: 5000)
            #expect(try first.summary() == [5000, 15000, 0, 5000])
            let second = try await session.capture("order-1", token: token, amount: 7000)
            #expect(try second.summary() == [12000, 8000, 0, 12000])
            #expect(try first.info()["transactionId"] as? String != second.info()["transactionId"] as? String)

            let tooMuch = try await session.capture("order-1", token: token, amount: 8001)
            try tooMuch.expectBackendError(.badRequest, group: "Payment", code: "61")
            #expect(
                (try tooMuch.backendError()["errorMessage"] as? String)?.contains("8001 requested, 8000 remaining")
                    == true)

            #expect(try await session.capture("order-1", token: token, amount: 8000).summary() == [20000, 0, 0, 20000])
            // Fully captured: nothing remains, whatever is asked for.
            try await session.capture("order-1", token: token, amount: 100).expectBackendError(
                .badRequest, group: "Payment", code: "61")
            try await session.capture("order-1", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "61")
            #expect(
                try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE", "CAPTURE", "CAPTURE"])
        }
    }

    @Test(
        "amounts below the spec's minimum of 100 are refused as Vipps does; a small rest is captured without an amount")
    func smallAmount() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 1000)
            #expect(try await session.capture("order-1", token: token, amount: 950).status == .ok)
            try await session.capture("order-1", token: token, amount: 50)
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "transaction.amount")
            #expect(try await session.capture("order-1", token: token, amount: nil).summary() == [1000, 0, 0, 1000])
        }
    }

    @Test("with allowSmallAmounts, amounts below 100 are accepted")
    func smallAmountAllowed() async throws {
        try await SimulatorHarness(allowSmallAmounts: true).run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 1000)
            #expect(try await session.capture("order-1", token: token, amount: 950).status == .ok)
            #expect(try await session.capture("order-1", token: token, amount: 50).summary() == [1000, 0, 0, 1000])
        }
    }

    @Test("before the user approved: Payment 62; nothing is logged")
    func notReserved() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token)
            try await session.capture("order-1", token: token, amount: 1000).expectBackendError(
                .badRequest, group: "Payment", code: "62")
            #expect(try await session.operations("order-1") == ["INITIATE"])
        }
    }

    @Test("a cancelled or rejected payment: VippsError 91")
    func cancelled() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "voided", token: token)
            #expect(try await session.cancel("voided", token: token).status == .ok)
            try await session.capture("voided", token: token, amount: nil).expectBackendError(
                .badRequest, group: "VippsError", code: "91")

            _ = try await session.initiatePayment(orderId: "rejected", token: token)
            #expect(try await session.send(.post, "/sim/v1/payments/rejected/reject").status == .ok)
            try await session.capture("rejected", token: token, amount: nil).expectBackendError(
                .badRequest, group: "VippsError", code: "91")
        }
    }

    @Test("direct capture (SALE): nothing remains to capture, Payment 61; refund works")
    func directCapture() async throws {
        let harness = SimulatorHarness()
        harness.simulator.store.updateSettings(forMerchant: SimulatorHarness.msn) { $0.directCapture = true }
        try await harness.run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "sale-1", token: token, amount: 15000)
            #expect(try await session.operations("sale-1") == ["INITIATE", "SALE"])
            #expect(try await session.details("sale-1", token: token).summary() == [15000, 0, 0, 15000])
            try await session.capture("sale-1", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "61")
            try await session.cancel("sale-1", token: token, release: true).expectBackendError(
                .badRequest, group: "Payment", code: "51")
            #expect(try await session.refund("sale-1", token: token, amount: nil).summary() == [15000, 0, 15000, 0])
        }
    }

    @Test("X-Request-Id is required and at most 40 characters")
    func requestIdHeader() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token)
            try await session.capture("order-1", token: token, amount: 1000, requestID: nil)
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "X-Request-Id")
            try await session.capture("order-1", token: token, amount: 1000, requestID: "")
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "X-Request-Id")
            try await session.capture(
                "order-1", token: token, amount: 1000, requestID: String(repeating: "r", count: 41)
            )
            .expectBackendError(.badRequest, group: "InvalidRequest", code: "X-Request-Id")
            #expect(
                try await session.capture(
                    "order-1", token: token, amount: 1000, requestID: String(repeating: "r", count: 40)
                ).status == .ok)
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE"])
        }
    }

    @Test("body checks: InvalidRequest with the field's path, wrong JSON types 500/99")
    func bodyValidation() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token)
            let cases: [(String, HTTPResponse.Status, String, String)] = [
                (#"{"transaction":{"transactionText":"x"}}"#, .badRequest, "InvalidRequest", "merchantInfo"),
                (
                    #"{"merchantInfo":{},"transaction":{"transactionText":"x"}}"#, .badRequest, "InvalidRequest",
                    "merchantInfo.merchantSerialNumber"
                ),
                (
                    #"{"merchantInfo":{"merchantSerialNumber":"12"},"transaction":{"transactionText":"x"}}"#,
                    .badRequest, "InvalidRequest", "merchantInfo.merchantSerialNumber"
                ),
                (#"{"merchantInfo":{"merchantSerialNumber":"123456"}}"#, .badRequest, "InvalidRequest", "transaction"),
                (
                    #"{"merchantInfo":{"merchantSerialNumber":"123456"},"transaction":{}}"#, .badRequest,
                    "InvalidRequest", "transaction.transactionText"
                ),
                (
                    SimulatorSession.actionBody(amount: 100, text: ""), .badRequest, "InvalidRequest",
                    "transaction.transactionText"
                ),
                (
                    SimulatorSession.actionBody(amount: 100, text: String(repeating: "t", count: 101)), .badRequest,
                    "InvalidRequest", "transaction.transactionText"
                ),
                (SimulatorSession.actionBody(amount: -1), .badRequest, "InvalidRequest", "transaction.amount"),
                (
                    #"{"merchantInfo":{"merchantSerialNumber":"123456"},"transaction":{"amount":10.5,"transactionText":"x"}}"#,
                    .internalServerError, "VippsError", "99"
                ),
                (
                    #"{"merchantInfo":{"merchantSerialNumber":123456},"transaction":{"transactionText":"x"}}"#,
                    .internalServerError, "VippsError", "99"
                ),
                ("not json", .internalServerError, "VippsError", "99"),
                (SimulatorSession.actionBody(amount: 100, msn: "654321"), .forbidden, "Merchant", "37"),
            ]
            for (body, status, group, code) in cases {
                try await session.capture("order-1", token: token, amount: nil, rawBody: body).expectBackendError(
                    status, group: group, code: code)
                try await session.refund("order-1", token: token, amount: nil, rawBody: body).expectBackendError(
                    status, group: group, code: code)
            }
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE"])
        }
    }

    @Test("unknown orderId: Merchant 35; a header MSN that disagrees with the body: InvalidRequest")
    func unknownOrderAndMSN() async throws {
        try await SimulatorHarness(merchantSerialNumbers: ["123456", "654321"]).run { session in
            let token = try await session.fetchToken()
            try await session.capture("nope", token: token, amount: nil).expectBackendError(
                .notFound, group: "Merchant", code: "35")
            try await session.reservedPayment(orderId: "order-1", token: token)
            try await session.capture("order-1", token: token, amount: nil, msn: "654321")
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "merchantInfo.merchantSerialNumber")
            // The body names the sales unit: the order of another unit is not found.
            try await session.capture(
                "order-1", token: token, amount: nil, rawBody: SimulatorSession.actionBody(amount: nil, msn: "654321")
            )
            .expectBackendError(.notFound, group: "Merchant", code: "35")
            #expect(try await session.capture("order-1", token: token, amount: nil, msn: "123456").status == .ok)
        }
    }

    @Test("capture needs authentication like every eCom endpoint")
    func authentication() async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(
                .post, "/ecomm/v2/payments/order-1/capture",
                headers: SimulatorSession.apiHeaders(token: nil, requestID: "r"),
                body: SimulatorSession.actionBody(amount: nil))
            #expect(reply.status == .unauthorized)
        }
    }
}
