import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("POST …/refund")
struct RefundTests {
    @Test("full refund: the key is `transaction`, status Refund, summary {C, 0, C, 0}, a REFUND line")
    func fullRefund() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: nil).status == .ok)
            let reply = try await session.refund("order-1", token: token, amount: nil, requestID: "refund-1")
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(try reply.object()["transactionInfo"] == nil)
            let transaction = try reply.info("transaction")
            #expect(transaction["amount"] as? Int == 20000)
            #expect(transaction["status"] as? String == "Refund")
            #expect(transaction["transactionText"] as? String == "Refund of Vipps socks")
            #expect((transaction["transactionId"] as? String)?.count == 10)
            #expect(try reply.summary() == [20000, 0, 20000, 0])
            let details = try await session.details("order-1", token: token)
            let history = try #require(try details.object()["transactionLogHistory"] as? [[String: Any]])
            #expect(history.first?["operation"] as? String == "REFUND")
            #expect(history.first?["requestId"] as? String == "refund-1")
            #expect(history.first?["transactionId"] as? String == transaction["transactionId"] as? String)
            // Nothing left: Payment 71.
            try await session.refund("order-1", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "71")
        }
    }

    @Test("partial refunds up to captured − refunded; more is Payment 71")
    func partialRefunds() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: 15000).status == .ok)
            #expect(
                try await session.refund("order-1", token: token, amount: 5000).summary() == [15000, 5000, 5000, 10000])
            try await session.refund("order-1", token: token, amount: 10001).expectBackendError(
                .badRequest, group: "Payment", code: "71")
            #expect(try await session.refund("order-1", token: token, amount: 0).summary() == [15000, 5000, 15000, 0])
            try await session.refund("order-1", token: token, amount: 100).expectBackendError(
                .badRequest, group: "Payment", code: "71")
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE", "REFUND", "REFUND"])
        }
    }

    @Test("reserved, nothing captured (and still initiated): Payment 72")
    func reservedNotCaptured() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "reserved", token: token)
            try await session.refund("reserved", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "72")
            try await session.refund("reserved", token: token, amount: 100).expectBackendError(
                .badRequest, group: "Payment", code: "72")
            _ = try await session.initiatePayment(orderId: "initiated", token: token)
            try await session.refund("initiated", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "72")
        }
    }

    @Test("cancelled, voided or rejected: Payment 73")
    func cancelled() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "voided", token: token)
            #expect(try await session.cancel("voided", token: token).status == .ok)
            try await session.refund("voided", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "73")

            _ = try await session.initiatePayment(orderId: "cancelled", token: token)
            #expect(try await session.cancel("cancelled", token: token).status == .ok)
            try await session.refund("cancelled", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "73")

            _ = try await session.initiatePayment(orderId: "rejected", token: token)
            #expect(try await session.send(.post, "/sim/v1/payments/rejected/reject").status == .ok)
            try await session.refund("rejected", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "73")
        }
    }

    @Test("after a partial capture and release of the rest, the captured part is still refundable")
    func refundAfterRelease() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: 10000).status == .ok)
            #expect(try await session.cancel("order-1", token: token, release: true).summary() == [10000, 0, 0, 10000])
            #expect(
                try await session.refund("order-1", token: token, amount: 4000).summary() == [10000, 0, 4000, 6000])
            #expect(try await session.refund("order-1", token: token, amount: nil).summary() == [10000, 0, 10000, 0])
        }
    }

    @Test("X-Request-Id is required on refund too")
    func requestId() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token)
            #expect(try await session.capture("order-1", token: token, amount: nil).status == .ok)
            try await session.refund("order-1", token: token, amount: nil, requestID: nil)
                .expectBackendError(.badRequest, group: "InvalidRequest", code: "X-Request-Id")
        }
    }
}
