import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

/// The guide's time limits (docs/ecom-v2.md#allowed-operations, #time-limits), on the simulator clock.
@Suite("Time limits after the reservation")
struct TimeLimitTests {
    static let day: TimeInterval = 86_400

    @Test("capture up to 180 days (then Payment 98), cancel up to 180 days (then Payment 52)")
    func captureAndCancel() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            var token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            try await session.reservedPayment(orderId: "order-2", token: token, amount: 20000)
            harness.clock.advance(by: 180 * Self.day)
            // Access tokens live an hour.
            token = try await session.fetchToken()
            #expect(try await session.capture("order-1", token: token, amount: 1000).status == .ok)
            harness.clock.advance(by: 1)
            try await session.capture("order-1", token: token, amount: 1000).expectBackendError(
                .badRequest, group: "Payment", code: "98")
            try await session.cancel("order-2", token: token).expectBackendError(
                .badRequest, group: "Payment", code: "52")
            try await session.cancel("order-1", token: token, release: true).expectBackendError(
                .badRequest, group: "Payment", code: "52")
            // A wrong request stays wrong: too much is 61 whatever the date.
            try await session.capture("order-1", token: token, amount: 99999).expectBackendError(
                .badRequest, group: "Payment", code: "61")
            // The refund of what was captured is still possible.
            #expect(try await session.refund("order-1", token: token, amount: nil).status == .ok)
        }
    }

    @Test("refund up to 365 days after the reservation, then Payment 95")
    func refund() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            var token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            #expect(try await session.capture("order-1", token: token, amount: nil).status == .ok)
            harness.clock.advance(by: 365 * Self.day)
            token = try await session.fetchToken()  // access tokens live an hour
            #expect(try await session.refund("order-1", token: token, amount: 1000).status == .ok)
            harness.clock.advance(by: 1)
            try await session.refund("order-1", token: token, amount: 1000).expectBackendError(
                .badRequest, group: "Payment", code: "95")
        }
    }
}
