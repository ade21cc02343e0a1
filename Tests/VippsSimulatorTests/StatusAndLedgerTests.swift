import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("GET …/status, ledger, reject and settings")
struct StatusAndLedgerTests {
    /// `transactionInfo` of `/status`, checked for its exact keys.
    private func statusInfo(_ session: SimulatorSession, _ orderId: String, token: String) async throws -> [String: Any]
    {
        let reply = try await session.status(orderId, token: token)
        #expect(reply.status == .ok, "\(reply.text)")
        let body = try reply.object()
        #expect(Set(body.keys) == ["orderId", "transactionInfo"])
        #expect(body["orderId"] as? String == orderId)
        let info = try #require(body["transactionInfo"] as? [String: Any])
        #expect(Set(info.keys) == ["amount", "status", "timeStamp", "transactionId"])
        return info
    }

    @Test("status follows the last successful operation: INITIATE, RESERVE, CAPTURE, REFUND, VOID")
    func statusLifecycle() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token, amount: 20000)
            let initiated = try await statusInfo(session, "order-1", token: token)
            #expect(initiated["status"] as? String == "INITIATE")
            #expect(initiated["amount"] as? Int == 20000)
            #expect(initiated["timeStamp"] as? String == "2025-06-15T15:06:40.000Z")

            harness.clock.advance(by: 1)
            #expect(try await session.approve("order-1", token: token, landingToken: landingToken).status == .ok)
            let reserved = try await statusInfo(session, "order-1", token: token)
            #expect(reserved["status"] as? String == "RESERVE")
            #expect(reserved["transactionId"] as? String == initiated["transactionId"] as? String)

            let capture = try await session.capture("order-1", token: token, amount: 5000)
            let captured = try await statusInfo(session, "order-1", token: token)
            #expect(captured["status"] as? String == "CAPTURE")
            #expect(captured["amount"] as? Int == 5000)
            #expect(captured["transactionId"] as? String == (try capture.info()["transactionId"] as? String))

            #expect(try await session.refund("order-1", token: token, amount: 2000).status == .ok)
            #expect(try await statusInfo(session, "order-1", token: token)["status"] as? String == "REFUND")

            #expect(try await session.cancel("order-1", token: token, release: true).status == .ok)
            let voided = try await statusInfo(session, "order-1", token: token)
            #expect(voided["status"] as? String == "VOID")
            #expect(voided["amount"] as? Int == 15000)
        }
    }

    @Test("status of user-cancelled, merchant-cancelled and direct-captured payments; unknown order 35")
    func statusOtherStates() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "rejected", token: token)
            #expect(try await session.send(.post, "/sim/v1/payments/rejected/reject").status == .ok)
            #expect(try await statusInfo(session, "rejected", token: token)["status"] as? String == "CANCEL")

            _ = try await session.initiatePayment(orderId: "cancelled", token: token)
            #expect(try await session.cancel("cancelled", token: token).status == .ok)
            #expect(try await statusInfo(session, "cancelled", token: token)["status"] as? String == "CANCEL")

            harness.simulator.store.updateSettings(forMerchant: SimulatorHarness.msn) { $0.directCapture = true }
            try await session.reservedPayment(orderId: "sale", token: token)
            #expect(try await statusInfo(session, "sale", token: token)["status"] as? String == "SALE")

            try await session.status("nope", token: token).expectBackendError(.notFound, group: "Merchant", code: "35")
        }
    }

    @Test("the ledger: state, amounts, log oldest first, and request counts that include refused and faulted requests")
    func ledger() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: 8000, requestID: "c-1").status == .ok)
            #expect(try await session.capture("order-1", token: token, amount: 99999).status == .badRequest)
            try await session.addFaults(#"{"endpoint":"capture","kind":"error-before"}"#)
            #expect(try await session.capture("order-1", token: token, amount: 1000).status == .internalServerError)
            // Even without credentials: it reached the server.
            _ = try await session.send(.post, "/ecomm/v2/payments/order-1/capture", body: "{}")
            #expect(try await session.refund("order-1", token: token, amount: 3000, requestID: "r-1").status == .ok)
            try await session.cancel("order-1", token: token).expectBackendError(
                .badRequest, group: "Payment", code: "51")

            let ledger = try await session.ledger("order-1")
            #expect(
                Set(ledger.keys) == [
                    "merchantSerialNumber", "orderId", "state", "reserved", "captured", "refunded",
                    "remainingToCapture",
                    "remainingToRefund", "log", "requests",
                ]
            )
            #expect(ledger["merchantSerialNumber"] as? String == "123456")
            #expect(ledger["orderId"] as? String == "order-1")
            #expect(ledger["state"] as? String == "REFUND")
            #expect(ledger["reserved"] as? Int == 20000)
            #expect(ledger["captured"] as? Int == 8000)
            #expect(ledger["refunded"] as? Int == 3000)
            #expect(ledger["remainingToCapture"] as? Int == 12000)
            #expect(ledger["remainingToRefund"] as? Int == 5000)
            #expect(ledger["requests"] as? [String: Int] == ["capture": 4, "refund": 1, "cancel": 1])
            let log = try #require(ledger["log"] as? [[String: Any]])
            #expect(log.map { $0["operation"] as? String } == ["INITIATE", "RESERVE", "CAPTURE", "REFUND"])
            #expect(log.map { $0["requestId"] as? String } == ["", "", "c-1", "r-1"])

            let unknown = try await session.send(.get, "/sim/v1/payments/nope")
            #expect(unknown.status == .notFound)
            #expect((try unknown.object()["error"] as? String)?.contains("nope") == true)
        }
    }

    @Test("the ledger's ?merchantSerialNumber= picks the sales unit")
    func ledgerSalesUnit() async throws {
        try await SimulatorHarness(merchantSerialNumbers: ["123456", "654321"]).run { session in
            let token = try await session.fetchToken()
            let body = InitiateBody.json(
                orderId: "order-9", edits: [JSONEdit("merchantInfo.merchantSerialNumber", .string("654321"))])
            #expect(try await session.initiate(body, token: token).status == .ok)
            #expect(
                try await session.send(.get, "/sim/v1/payments/order-9").object()["merchantSerialNumber"] as? String
                    == "654321")
            #expect(try await session.send(.get, "/sim/v1/payments/order-9?merchantSerialNumber=654321").status == .ok)
            #expect(
                try await session.send(.get, "/sim/v1/payments/order-9?merchantSerialNumber=123456").status == .notFound
            )
        }
    }

    @Test("reject: the user cancels in the app (CANCEL); only while awaiting approval")
    func reject() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token, amount: 12300)
            let reply = try await session.send(.post, "/sim/v1/payments/order-1/reject")
            #expect(reply.status == .ok)
            #expect(try reply.object()["state"] as? String == "CANCEL")
            let log = try #require(try reply.object()["log"] as? [[String: Any]])
            #expect(log.last?["amount"] as? Int == 12300)
            #expect(log.last?["transactionId"] as? String == log.first?["transactionId"] as? String)
            #expect(try await session.details("order-1", token: token).summary() == [0, 0, 0, 0])
            try await session.approve("order-1", token: token, landingToken: landingToken)
                .expectBackendError(.badRequest, group: "VippsError", code: "91")

            let again = try await session.send(.post, "/sim/v1/payments/order-1/reject")
            #expect(again.status == .conflict)
            #expect(try again.object()["error"] is String)
            #expect(try await session.send(.post, "/sim/v1/payments/nope/reject").status == .notFound)
        }
    }

    @Test("settings: GET shows them, POST changes only what it names, unknown sales units and bad bodies are 400")
    func settings() async throws {
        try await SimulatorHarness(merchantSerialNumbers: ["123456", "654321"]).run { session in
            let initial = try await session.send(.get, "/sim/v1/settings").object()
            #expect(initial["rateLimits"] as? Bool == false)
            let merchants = try #require(initial["merchants"] as? [String: [String: Bool]])
            #expect(merchants["123456"] == ["directCapture": false, "maySkipLandingPage": false])
            #expect(merchants.count == 2)

            let update = try await session.send(
                .post, "/sim/v1/settings", body: #"{"merchants":{"654321":{"directCapture":true}}}"#)
            #expect(update.status == .ok)
            let updated = try #require(try update.object()["merchants"] as? [String: [String: Bool]])
            #expect(updated["654321"] == ["directCapture": true, "maySkipLandingPage": false])
            #expect(updated["123456"] == ["directCapture": false, "maySkipLandingPage": false])
            #expect(try update.object()["rateLimits"] as? Bool == false)

            let unknown = try await session.send(
                .post, "/sim/v1/settings", body: #"{"rateLimits":true,"merchants":{"999999":{"directCapture":true}}}"#)
            #expect(unknown.status == .badRequest)
            #expect(try unknown.object()["error"] is String)
            // Refused as a whole: rateLimits did not change either.
            #expect(try await session.send(.get, "/sim/v1/settings").object()["rateLimits"] as? Bool == false)
            #expect(
                try await session.send(.post, "/sim/v1/settings", body: #"{"rateLimits":"yes"}"#).status == .badRequest)
            #expect(try await session.send(.post, "/sim/v1/settings", body: "nonsense").status == .badRequest)
        }
    }
}
