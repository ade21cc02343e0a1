import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("Idempotency (X-Request-Id)")
struct IdempotencyTests {
    @Test("same key, same body: 200 with the first transactionInfo and today's summary, one log line")
    func retryCapture() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            let first = try await session.capture("order-1", token: token, amount: 5000, requestID: "key-1")
            #expect(try await session.capture("order-1", token: token, amount: 3000, requestID: "key-2").status == .ok)
            harness.clock.advance(by: 30)
            let retry = try await session.capture("order-1", token: token, amount: 5000, requestID: "key-1")
            #expect(retry.status == .ok, "\(retry.text)")
            let (firstInfo, retryInfo) = (try first.info(), try retry.info())
            for key in ["amount", "status", "timeStamp", "transactionId", "transactionText"] {
                #expect(String(describing: retryInfo[key]) == String(describing: firstInfo[key]), "\(key)")
            }
            #expect(try first.summary() == [5000, 15000, 0, 5000])
            #expect(try retry.summary() == [8000, 12000, 0, 8000])
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE", "CAPTURE"])
        }
    }

    @Test("'all remaining' is one request however it is spelled; a retry after the rest changed still answers the same")
    func retryFullCapture() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            let first = try await session.capture("order-1", token: token, amount: nil, requestID: "all")
            let retry = try await session.capture("order-1", token: token, amount: 0, requestID: "all")
            #expect(retry.status == .ok, "\(retry.text)")
            #expect(try retry.info()["transactionId"] as? String == first.info()["transactionId"] as? String)
            #expect(try retry.info()["amount"] as? Int == 20000)
            // A retry even after the payment moved on (refunded) repeats the answer, changing nothing.
            #expect(try await session.refund("order-1", token: token, amount: nil).status == .ok)
            let late = try await session.capture("order-1", token: token, amount: nil, requestID: "all")
            #expect(late.status == .ok)
            #expect(try late.summary() == [20000, 0, 20000, 0])
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE", "REFUND"])
        }
    }

    @Test("same key, different amount or text: VippsError 93, nothing changes")
    func mismatch() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: 5000, requestID: "key-1").status == .ok)
            try await session.capture("order-1", token: token, amount: 6000, requestID: "key-1")
                .expectBackendError(.badRequest, group: "VippsError", code: "93")
            try await session.capture("order-1", token: token, amount: 5000, requestID: "key-1", text: "other text")
                .expectBackendError(.badRequest, group: "VippsError", code: "93")
            try await session.capture("order-1", token: token, amount: nil, requestID: "key-1")
                .expectBackendError(.badRequest, group: "VippsError", code: "93")

            #expect(try await session.refund("order-1", token: token, amount: 1000, requestID: "r-1").status == .ok)
            try await session.refund("order-1", token: token, amount: 2000, requestID: "r-1")
                .expectBackendError(.badRequest, group: "VippsError", code: "93")
            #expect(try await session.ledger("order-1")["captured"] as? Int == 5000)
            #expect(try await session.ledger("order-1")["refunded"] as? Int == 1000)
        }
    }

    @Test("the key's scope is MSN, orderId and endpoint: reuse on refund or another order is a new request")
    func scope() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            try await session.reservedPayment(orderId: "order-2", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: 5000, requestID: "same").status == .ok)
            #expect(
                try await session.capture("order-2", token: token, amount: 7000, requestID: "same").summary() == [
                    7000, 13000, 0, 7000,
                ])
            #expect(
                try await session.refund("order-1", token: token, amount: 1000, requestID: "same").summary() == [
                    5000, 15000, 1000, 4000,
                ])
        }
    }

    @Test("a refused request is not remembered: the same key works once the payment allows it")
    func refusalNotRemembered() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token)
            try await session.capture("order-1", token: token, amount: nil, requestID: "k").expectBackendError(
                .badRequest, group: "Payment", code: "62")
            #expect(try await session.approve("order-1", token: token, landingToken: landingToken).status == .ok)
            #expect(try await session.capture("order-1", token: token, amount: nil, requestID: "k").status == .ok)
        }
    }

    @Test("8 concurrent identical captures: one CAPTURE, eight identical answers")
    func concurrentIdentical() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let reply = try await session.capture(
                            "order-1", token: token, amount: 5000, requestID: "parallel")
                        #expect(reply.status == .ok, "\(reply.text)")
                        return try reply.info()["transactionId"] as? String
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(ids.count == 8)
            #expect(Set(ids).count == 1)
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE"])
            let ledger = try await session.ledger("order-1")
            #expect(ledger["captured"] as? Int == 5000)
            #expect((ledger["requests"] as? [String: Int])?["capture"] == 8)
        }
    }

    @Test("concurrent captures with different keys never capture more than reserved")
    func concurrentDifferent() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let reply = try await session.capture(
                            "order-1", token: token, amount: 3000, requestID: "key-\(index)")
                        if reply.status != .ok {
                            try reply.expectBackendError(.badRequest, group: "Payment", code: "61")
                        }
                        return reply.status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // 20000 / 3000: six fit, the other six are refused.
            #expect(statuses.filter { $0 == .ok }.count == 6)
            let ledger = try await session.ledger("order-1")
            #expect(ledger["captured"] as? Int == 18000)
            #expect(ledger["remainingToCapture"] as? Int == 2000)
            #expect(try await session.operations("order-1").filter { $0 == "CAPTURE" }.count == 6)
        }
    }

    @Test("concurrent refunds with different keys never refund more than captured")
    func concurrentRefunds() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 10000)
            #expect(try await session.capture("order-1", token: token, amount: nil).status == .ok)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        _ = try await session.refund("order-1", token: token, amount: 4000, requestID: "r-\(index)")
                    }
                }
                try await group.waitForAll()
            }
            let ledger = try await session.ledger("order-1")
            #expect(ledger["refunded"] as? Int == 8000)
            #expect(ledger["remainingToRefund"] as? Int == 2000)
        }
    }
}
