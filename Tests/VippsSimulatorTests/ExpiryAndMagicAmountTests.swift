import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

/// docs/ecom-v2.md#user-side-timing and #test-environment.
@Suite("Clock control, payment expiry and magic amounts")
struct ExpiryAndMagicAmountTests {
    static let phone = "91234567"
    static let order = [("merchantSerialNumber", "123456"), ("orderId", "order-1")]

    @Test("GET /sim/v1/clock and POST /sim/v1/clock/advance; negative or malformed seconds are 400")
    func clockControl() async throws {
        try await SimulatorHarness().run { session in
            let now = try await session.send(.get, "/sim/v1/clock").object()
            #expect(now["now"] as? String == "2025-06-15T15:06:40.000Z")
            #expect(now["adjustable"] as? Bool == true)
            let advanced = try await session.send(.post, "/sim/v1/clock/advance", body: #"{"seconds":90.5}"#)
            #expect(advanced.status == .ok)
            #expect(try advanced.object()["now"] as? String == "2025-06-15T15:08:10.500Z")
            #expect(
                try await session.send(.post, "/sim/v1/clock/advance", body: #"{"seconds":-1}"#).status == .badRequest)
            #expect(try await session.send(.post, "/sim/v1/clock/advance", body: #"{"secs":1}"#).status == .badRequest)
        }
    }

    @Test("the command's clock: wall time plus what the control API added")
    func offsetClock() {
        let clock = OffsetClock()
        let before = Date()
        clock.advance(by: 600)
        #expect(clock.now().timeIntervalSince(before) >= 600)
        #expect(clock.now().timeIntervalSince(before) < 660)
    }

    @Test("nobody acts: after 10 minutes CANCEL (at the deadline) and a REJECTED callback, on clock advance")
    func expiryOnAdvance() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(shopURL, orderId: "order-1", token: token)
                _ = try await session.postForm(landing, [("phoneNumber", Self.phone)])
                _ = try await session.send(.post, "/sim/v1/clock/advance", body: #"{"seconds":599}"#)
                #expect(try await session.operations("order-1") == ["INITIATE"])
                _ = try await session.send(.post, "/sim/v1/clock/advance", body: #"{"seconds":3600}"#)
                #expect(try await session.operations("order-1") == ["INITIATE", "CANCEL"])
                // The hour also expired the access token; a new one is needed.
                let details = try await session.details("order-1", token: try await session.fetchToken()).object()
                let history = try #require(details["transactionLogHistory"] as? [[String: Any]])
                #expect(history.first?["timeStamp"] as? String == "2025-06-15T15:16:40.000Z")

                _ = try await session.callbacks()
                #expect(shop.received.count == 1)
                let info = try #require(try shop.received.first?.object()["transactionInfo"] as? [String: Any])
                #expect(info["status"] as? String == "REJECTED")
                // The phone no longer lists it, approving is refused, the landing page goes to fallBack.
                #expect(try await session.postForm("/sim/v1/phone/91234567/approve", Self.order).status == .conflict)
                #expect(try await session.send(.get, landing).status == .seeOther)
            }
        }
    }

    @Test("expiry is lazy: any request after the deadline sees it, with the ManualClock moved directly")
    func lazyExpiry() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token)
            harness.clock.advance(by: 600)
            let history = try #require(
                try await session.details("order-1", token: token).object()["transactionLogHistory"] as? [[String: Any]]
            )
            #expect(history.map { $0["operation"] as? String } == ["CANCEL", "INITIATE"])
        }
    }

    @Test(
        "a magic amount fails the user's approval: failed RESERVE line, RESERVE_FAILED with errorInfo",
        arguments: [(151, "42"), (182, "42"), (183, "42"), (184, "42"), (186, "44"), (187, "41"), (197, "45")]
    )
    func magicAmount(amount: Int, code: String) async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(
                    shopURL, orderId: "order-1", token: token, amount: amount)
                _ = try await session.postForm(landing, [("phoneNumber", Self.phone)])
                let reply = try await session.postForm("/sim/v1/phone/91234567/approve", Self.order)
                #expect(reply.status == .seeOther)
                #expect(reply.headers[.location]?.contains("failed") == true)

                let details = try await session.details("order-1", token: token).object()
                let history = try #require(details["transactionLogHistory"] as? [[String: Any]])
                #expect(history.first?["operation"] as? String == "RESERVE")
                #expect(history.first?["operationSuccess"] as? Bool == false)
                // The user's side is over: no capture, no second try, the landing page goes back.
                try await session.capture("order-1", token: token, amount: nil).expectBackendError(
                    .badRequest, group: "Payment", code: "62")
                #expect(try await session.postForm("/sim/v1/phone/91234567/approve", Self.order).status == .conflict)
                #expect(try await session.send(.get, landing).status == .seeOther)

                _ = try await session.callbacks()
                let body = try #require(try shop.received.first?.object())
                let info = try #require(body["transactionInfo"] as? [String: Any])
                #expect(info["status"] as? String == "RESERVE_FAILED")
                let errorInfo = try #require(body["errorInfo"] as? [String: Any])
                #expect(errorInfo["errorGroup"] as? String == "Payment")
                #expect(errorInfo["errorCode"] as? String == code)
            }
        }
    }

    @Test("force approve ignores magic amounts (docs/ecom-v2.md#test-environment)")
    func forceApproveIgnoresMagic() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 151)
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE"])
        }
    }
}
