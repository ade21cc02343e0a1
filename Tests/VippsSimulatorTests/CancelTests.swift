import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("PUT …/cancel")
struct CancelTests {
    @Test(
        "before approval: CANCEL, response Cancelled with the original amount, summary all zero; approve then fails",
        arguments: [nil, false, true])
    func cancelInitiated(release: Bool?) async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token, amount: 20000)
            let reply = try await session.cancel("order-1", token: token, release: release)
            #expect(reply.status == .ok, "\(reply.text)")
            let info = try reply.info()
            #expect(info["status"] as? String == "Cancelled")
            #expect(info["amount"] as? Int == 20000)
            #expect(info["transactionText"] as? String == "No socks for you")
            #expect((info["transactionId"] as? String)?.count == 10)
            #expect(info["timeStamp"] is String)
            #expect(try reply.summary() == [0, 0, 0, 0])
            #expect(try await session.operations("order-1") == ["INITIATE", "CANCEL"])
            #expect(try await session.details("order-1", token: token).summary() == [0, 0, 0, 0])
            try await session.approve("order-1", token: token, landingToken: landingToken)
                .expectBackendError(.badRequest, group: "VippsError", code: "91")
        }
    }

    @Test("reserved, nothing captured: VOID, summary {0, 0, 0, 0}", arguments: [nil, false, true])
    func voidReserved(release: Bool?) async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            let reply = try await session.cancel("order-1", token: token, release: release, requestID: "cancel-1")
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(try reply.info()["status"] as? String == "Cancelled")
            #expect(try reply.info()["amount"] as? Int == 20000)
            #expect(try reply.summary() == [0, 0, 0, 0])
            let log = try #require(try await session.ledger("order-1")["log"] as? [[String: Any]])
            #expect(log.map { $0["operation"] as? String } == ["INITIATE", "RESERVE", "VOID"])
            #expect(log.last?["amount"] as? Int == 20000)
            // The optional X-Request-Id is kept on the line, as older clients send one everywhere.
            #expect(log.last?["requestId"] as? String == "cancel-1")
        }
    }

    @Test("partially captured without shouldReleaseRemainingFunds: Payment 51", arguments: [nil, false])
    func partialWithoutRelease(release: Bool?) async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: 10000).status == .ok)
            try await session.cancel("order-1", token: token, release: release).expectBackendError(
                .badRequest, group: "Payment", code: "51")
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE"])
        }
    }

    /// The example in docs/ecom-v2.md#cancel.
    @Test("partially captured with shouldReleaseRemainingFunds: the rest is released for good")
    func releaseRemainder() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: 10000).status == .ok)
            let reply = try await session.cancel("order-1", token: token, release: true)
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(try reply.info()["amount"] as? Int == 20000)
            #expect(try reply.info()["status"] as? String == "Cancelled")
            #expect(try reply.summary() == [10000, 0, 0, 10000])
            let log = try #require(try await session.ledger("order-1")["log"] as? [[String: Any]])
            #expect(log.map { $0["operation"] as? String } == ["INITIATE", "RESERVE", "CAPTURE", "VOID"])
            #expect(log.last?["amount"] as? Int == 10000)
            // remainingAmountToCapture stays 0: no more captures, no second cancel.
            try await session.capture("order-1", token: token, amount: 100).expectBackendError(
                .badRequest, group: "VippsError", code: "91")
            try await session.cancel("order-1", token: token, release: true).expectBackendError(
                .badRequest, group: "VippsError", code: "91")
            #expect(try await session.details("order-1", token: token).summary() == [10000, 0, 0, 10000])
        }
    }

    @Test("fully captured, direct-captured or refunded: Payment 51, with or without release", arguments: [false, true])
    func afterFullCapture(release: Bool) async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "captured", token: token)
            #expect(try await session.capture("captured", token: token, amount: nil).status == .ok)
            try await session.cancel("captured", token: token, release: release).expectBackendError(
                .badRequest, group: "Payment", code: "51")

            #expect(try await session.refund("captured", token: token, amount: 5000).status == .ok)
            try await session.cancel("captured", token: token, release: release).expectBackendError(
                .badRequest, group: "Payment", code: "51")
            #expect(try await session.refund("captured", token: token, amount: nil).status == .ok)
            try await session.cancel("captured", token: token, release: release).expectBackendError(
                .badRequest, group: "Payment", code: "51")
        }
    }

    @Test("already cancelled or voided: VippsError 91", arguments: [false, true])
    func cancelTwice(release: Bool) async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "cancelled", token: token)
            #expect(try await session.cancel("cancelled", token: token).status == .ok)
            try await session.cancel("cancelled", token: token, release: release).expectBackendError(
                .badRequest, group: "VippsError", code: "91")

            try await session.reservedPayment(orderId: "voided", token: token)
            #expect(try await session.cancel("voided", token: token).status == .ok)
            try await session.cancel("voided", token: token, release: release).expectBackendError(
                .badRequest, group: "VippsError", code: "91")

            _ = try await session.initiatePayment(orderId: "rejected", token: token)
            #expect(try await session.send(.post, "/sim/v1/payments/rejected/reject").status == .ok)
            try await session.cancel("rejected", token: token, release: release).expectBackendError(
                .badRequest, group: "VippsError", code: "91")
            #expect(try await session.operations("voided") == ["INITIATE", "RESERVE", "VOID"])
        }
    }

    @Test("body checks: transactionText required, shouldReleaseRemainingFunds must be a boolean")
    func bodyValidation() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token)
            try await session.cancel(
                "order-1", token: token,
                rawBody: #"{"merchantInfo":{"merchantSerialNumber":"123456"},"transaction":{}}"#
            )
            .expectBackendError(.badRequest, group: "InvalidRequest", code: "transaction.transactionText")
            try await session.cancel("order-1", token: token, rawBody: #"{"transaction":{"transactionText":"x"}}"#)
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "merchantInfo")
            try await session.cancel(
                "order-1", token: token,
                rawBody:
                    #"{"merchantInfo":{"merchantSerialNumber":"123456"},"transaction":{"transactionText":"x"},"shouldReleaseRemainingFunds":"yes"}"#
            ).expectBackendError(.internalServerError, group: "VippsError", code: "99")
            try await session.cancel("order-1", token: token, requestID: String(repeating: "r", count: 41))
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "X-Request-Id")
            try await session.cancel("nope", token: token).expectBackendError(.notFound, group: "Merchant", code: "35")
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE"])
        }
    }
}
