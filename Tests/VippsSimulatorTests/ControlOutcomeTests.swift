import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("Control API: approve, fail and expire a payment without the pages")
struct ControlOutcomeTests {
    /// The status of the one callback sent for `orderId`.
    private func callbackStatus(_ session: SimulatorSession, _ shop: ShopReceiver, _ orderId: String) async throws
        -> String?
    {
        _ = try await session.callbacks(atLeast: 1)
        let received = try #require(shop.received.first { $0.path.hasSuffix(orderId) })
        let info = try received.object()["transactionInfo"] as? [String: Any]
        return info?["status"] as? String
    }

    @Test("approve reserves and sends RESERVED; approving again is a conflict")
    func approve() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                _ = try await session.initiateForShop(shopURL, orderId: "order-a", token: token)
                #expect(try await session.send(.post, "/sim/v1/payments/order-a/approve").status == .ok)
                #expect(try await callbackStatus(session, shop, "order-a") == "RESERVED")
                let details = try await session.details("order-a", token: token).object()
                let history = try #require(details["transactionLogHistory"] as? [[String: Any]])
                #expect(history.first?["operation"] as? String == "RESERVE")
                #expect(try await session.send(.post, "/sim/v1/payments/order-a/approve").status == .conflict)
                #expect(try await session.send(.post, "/sim/v1/payments/nothing/approve").status == .notFound)
            }
        }
    }

    @Test("fail writes a failed RESERVE and sends RESERVE_FAILED with the code; unknown codes are refused")
    func fail() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                _ = try await session.initiateForShop(shopURL, orderId: "order-f", token: token)
                #expect(try await session.send(.post, "/sim/v1/payments/order-f/fail?code=99").status != .ok)
                #expect(try await session.send(.post, "/sim/v1/payments/order-f/fail?code=44").status == .ok)
                #expect(try await callbackStatus(session, shop, "order-f") == "RESERVE_FAILED")
                let received = try #require(shop.received.first { $0.path.hasSuffix("order-f") })
                let errorInfo = try received.object()["errorInfo"] as? [String: Any]
                #expect(errorInfo?["errorCode"] as? String == "44")
                let details = try await session.details("order-f", token: token).object()
                let history = try #require(details["transactionLogHistory"] as? [[String: Any]])
                #expect(history.first?["operationSuccess"] as? Bool == false)
            }
        }
    }

    @Test("expire cancels and sends REJECTED")
    func expire() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                _ = try await session.initiateForShop(shopURL, orderId: "order-e", token: token)
                #expect(try await session.send(.post, "/sim/v1/payments/order-e/expire").status == .ok)
                #expect(try await callbackStatus(session, shop, "order-e") == "REJECTED")
                let details = try await session.details("order-e", token: token).object()
                let history = try #require(details["transactionLogHistory"] as? [[String: Any]])
                #expect(history.first?["operation"] as? String == "CANCEL")
            }
        }
    }
}
