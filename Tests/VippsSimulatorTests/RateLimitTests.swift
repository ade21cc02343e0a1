import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("Rate limits (docs/ecom-v2.md#rate-limits)")
struct RateLimitTests {
    private func expectTooManyRequests(
        _ reply: Reply, retryAfter: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try reply.expectBackendError(.tooManyRequests, group: "VippsError", code: "98", sourceLocation: sourceLocation)
        #expect(reply.headers[.retryAfter] == retryAfter, sourceLocation: sourceLocation)
    }

    @Test("off by default: many operations on one order in a second all pass")
    func offByDefault() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            for _ in 0..<8 {
                #expect(try await session.capture("order-1", token: token, amount: 1000).status == .ok)
            }
            #expect(try await session.send(.get, "/sim/v1/settings").object()["rateLimits"] as? Bool == false)
        }
    }

    @Test("capture: 5 per minute per order and MSN, then 429 with Retry-After until the minute has passed")
    func capture() async throws {
        let harness = SimulatorHarness(rateLimits: true)
        try await harness.run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            try await session.reservedPayment(orderId: "order-2", token: token, amount: 20000)
            for index in 0..<5 {
                harness.clock.advance(by: 1)
                #expect(
                    try await session.capture("order-1", token: token, amount: 1000, requestID: "k-\(index)").status
                        == .ok)
            }
            // The first of the five was 4 s before the last: 56 s to go.
            try expectTooManyRequests(
                try await session.capture("order-1", token: token, amount: 1000), retryAfter: "56")
            // Refused requests change nothing and do not count; other orders and endpoints have their own budget.
            #expect(try await session.ledger("order-1")["captured"] as? Int == 5000)
            #expect(try await session.capture("order-2", token: token, amount: 1000).status == .ok)
            #expect(try await session.refund("order-1", token: token, amount: 100).status == .ok)

            harness.clock.advance(by: 55.5)
            try expectTooManyRequests(try await session.capture("order-1", token: token, amount: 1000), retryAfter: "1")
            harness.clock.advance(by: 0.5)
            #expect(try await session.capture("order-1", token: token, amount: 1000).status == .ok)
            try expectTooManyRequests(try await session.capture("order-1", token: token, amount: 1000), retryAfter: "1")
        }
    }

    @Test("cancel and refund: 5 per minute each, refused operations count too")
    func cancelAndRefund() async throws {
        try await SimulatorHarness(rateLimits: true).run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.cancel("order-1", token: token).status == .ok)
            for _ in 0..<4 {
                try await session.cancel("order-1", token: token).expectBackendError(
                    .badRequest, group: "VippsError", code: "91")
                try await session.refund("order-1", token: token, amount: nil).expectBackendError(
                    .badRequest, group: "Payment", code: "73")
            }
            try expectTooManyRequests(try await session.cancel("order-1", token: token), retryAfter: "60")
            try await session.refund("order-1", token: token, amount: nil).expectBackendError(
                .badRequest, group: "Payment", code: "73")
            try expectTooManyRequests(try await session.refund("order-1", token: token, amount: nil), retryAfter: "60")
        }
    }

    @Test("initiate: 2 per minute per orderId and MSN")
    func initiate() async throws {
        try await SimulatorHarness(rateLimits: true).run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token)
            try await session.initiate(InitiateBody.json(orderId: "order-1"), token: token).expectBackendError(
                .badRequest, group: "Merchant", code: "34")
            try expectTooManyRequests(
                try await session.initiate(InitiateBody.json(orderId: "order-1"), token: token), retryAfter: "60")
            #expect(try await session.initiate(InitiateBody.json(orderId: "order-2"), token: token).status == .ok)
        }
    }

    @Test("details and status: 120 per minute per orderId, each")
    func detailsAndStatus() async throws {
        try await SimulatorHarness(rateLimits: true).run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token)
            for _ in 0..<120 {
                #expect(try await session.details("order-1", token: token).status == .ok)
            }
            try expectTooManyRequests(try await session.details("order-1", token: token), retryAfter: "60")
            #expect(try await session.status("order-1", token: token).status == .ok)
            // Another orderId has its own budget (and the limit comes before the lookup: 404, not 429).
            #expect(try await session.details("order-2", token: token).status == .notFound)
        }
    }

    @Test("switched at runtime by POST /sim/v1/settings; reset forgets the counts but keeps the setting")
    func runtimeSwitch() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            try await session.setRateLimits(true)
            #expect(try await session.send(.get, "/sim/v1/settings").object()["rateLimits"] as? Bool == true)
            for _ in 0..<5 { #expect(try await session.capture("order-1", token: token, amount: 100).status == .ok) }
            try expectTooManyRequests(try await session.capture("order-1", token: token, amount: 100), retryAfter: "60")
            try await session.setRateLimits(false)
            #expect(try await session.capture("order-1", token: token, amount: 100).status == .ok)

            try await session.setRateLimits(true)
            #expect(try await session.send(.post, "/sim/v1/reset").status == .ok)
            #expect(try await session.send(.get, "/sim/v1/settings").object()["rateLimits"] as? Bool == true)
            let newToken = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: newToken, amount: 20000)
            for _ in 0..<5 { #expect(try await session.capture("order-1", token: newToken, amount: 100).status == .ok) }
            try expectTooManyRequests(
                try await session.capture("order-1", token: newToken, amount: 100), retryAfter: "60")
        }
    }
}
