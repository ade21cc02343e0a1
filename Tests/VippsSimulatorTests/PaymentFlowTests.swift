import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("GET …/details and force approve")
struct PaymentFlowTests {
    @Test("details of an unknown order: 404, Merchant 35")
    func unknownOrder() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let reply = try await session.details("no-such-order", token: token)
            try reply.expectBackendError(.notFound, group: "Merchant", code: "35")
            #expect(
                try reply.backendError()["errorMessage"] as? String
                    == "The orderId 'no-such-order' does not exist for MSN 123456.")
        }
    }

    @Test("before the user reacts: one INITIATE line and no transactionSummary")
    func detailsBeforeApproval() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token, amount: 20000)
            let body = try await session.details("order-1", token: token).object()
            #expect(body["orderId"] as? String == "order-1")
            #expect(body["transactionSummary"] == nil)
            let history = try #require(body["transactionLogHistory"] as? [[String: Any]])
            #expect(history.count == 1)
            let line = try #require(history.first)
            #expect(line["operation"] as? String == "INITIATE")
            #expect(line["amount"] as? Int == 20000)
            #expect(line["transactionText"] as? String == "One pair of Vipps socks")
            #expect(line["requestId"] as? String == "")
            #expect(line["operationSuccess"] as? Bool == true)
            let transactionId = try #require(line["transactionId"] as? String)
            #expect(transactionId.count == 10 && transactionId.allSatisfy(\.isNumber))
            #expect(line["timeStamp"] as? String == "2025-06-15T15:06:40.000Z")
        }
    }

    @Test("force approve checks the body and the landing token")
    func approveValidation() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token)
            try await session.approve("order-1", token: token, landingToken: "wrong-token")
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "token")
            try await session.approve("order-1", token: token, landingToken: nil)
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "token")
            try await session.approve("order-1", token: token, landingToken: landingToken, phone: "+4791234567")
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "customerPhoneNumber")
            try await session.approve("order-2", token: token, landingToken: landingToken)
                .expectBackendError(.notFound, group: "Merchant", code: "35")
            try await session.approve(
                "order-1", token: token, landingToken: landingToken, requestID: String(repeating: "r", count: 41)
            )
            .expectBackendError(.badRequest, group: "InvalidRequest", code: "X-Request-Id")
            // Nothing of that changed the payment.
            let history = try #require(
                try await session.details("order-1", token: token).object()["transactionLogHistory"] as? [[String: Any]]
            )
            #expect(history.count == 1)
        }
    }

    @Test("approve reserves: RESERVE above INITIATE with the same transactionId, summary {0, R, 0, 0}")
    func approve() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token, amount: 34900)
            harness.clock.advance(by: 12.5)
            let approval = try await session.approve(
                "order-1", token: token, landingToken: landingToken, requestID: "approve-1")
            #expect(approval.status == .ok)
            #expect(try approval.object().isEmpty)

            let body = try await session.details("order-1", token: token, msn: "123456").object()
            let history = try #require(body["transactionLogHistory"] as? [[String: Any]])
            #expect(history.map { $0["operation"] as? String } == ["RESERVE", "INITIATE"])
            #expect(history[0]["transactionId"] as? String == history[1]["transactionId"] as? String)
            #expect(history[0]["amount"] as? Int == 34900)
            #expect(history[0]["requestId"] as? String == "approve-1")
            #expect(history[0]["timeStamp"] as? String == "2025-06-15T15:06:52.500Z")
            let summary = try #require(body["transactionSummary"] as? [String: Any])
            #expect(summary["capturedAmount"] as? Int == 0)
            #expect(summary["remainingAmountToCapture"] as? Int == 34900)
            #expect(summary["refundedAmount"] as? Int == 0)
            #expect(summary["remainingAmountToRefund"] as? Int == 0)
        }
    }

    @Test("approving twice is VippsError 91")
    func approveTwice() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token)
            #expect(try await session.approve("order-1", token: token, landingToken: landingToken).status == .ok)
            try await session.approve("order-1", token: token, landingToken: landingToken)
                .expectBackendError(.badRequest, group: "VippsError", code: "91")
        }
    }

    @Test("force approve does not support express payments")
    func approveExpress() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(
                orderId: "express-1",
                token: token,
                edits: [
                    JSONEdit("merchantInfo.paymentType", .string("eComm Express Payment")),
                    JSONEdit("merchantInfo.consentRemovalPrefix", .string("https://example.com/consents")),
                    JSONEdit("merchantInfo.shippingDetailsPrefix", .string("https://example.com/shipping")),
                ]
            )
            try await session.approve("express-1", token: token, landingToken: landingToken)
                .expectBackendError(.badRequest, group: "VippsError", code: "91")
        }
    }

    @Test("a sales unit whitelisted for skipLandingPage: the phone number is required, force approve refuses")
    func skipLandingPage() async throws {
        let harness = SimulatorHarness()
        harness.simulator.store.updateSettings(forMerchant: SimulatorHarness.msn) { $0.maySkipLandingPage = true }
        try await harness.run { session in
            let token = try await session.fetchToken()
            try await session.initiate(
                InitiateBody.json(orderId: "pos-1", edits: [JSONEdit("transaction.skipLandingPage", .bool(true))]),
                token: token
            )
            .expectBackendError(.badRequest, group: "InvalidRequest", code: "customerInfo.mobileNumber")
            let landingToken = try await session.initiatePayment(
                orderId: "pos-2",
                token: token,
                edits: [
                    JSONEdit("transaction.skipLandingPage", .bool(true)),
                    JSONEdit("customerInfo.mobileNumber", .string("91234567")),
                ]
            )
            try await session.approve("pos-2", token: token, landingToken: landingToken)
                .expectBackendError(.badRequest, group: "VippsError", code: "91")
        }
    }

    @Test("orders belong to their sales unit; without an MSN header every configured one is searched")
    func salesUnits() async throws {
        try await SimulatorHarness(merchantSerialNumbers: ["123456", "654321"]).run { session in
            let token = try await session.fetchToken()
            let body = InitiateBody.json(
                orderId: "order-9", edits: [JSONEdit("merchantInfo.merchantSerialNumber", .string("654321"))])
            #expect(try await session.initiate(body, token: token).status == .ok)
            #expect(try await session.details("order-9", token: token).status == .ok)
            #expect(try await session.details("order-9", token: token, msn: "654321").status == .ok)
            let wrongUnit = try await session.details("order-9", token: token, msn: "123456")
            try wrongUnit.expectBackendError(.notFound, group: "Merchant", code: "35")
            #expect(
                try wrongUnit.backendError()["errorMessage"] as? String
                    == "The orderId 'order-9' does not exist for MSN 123456.")
        }
    }
}
