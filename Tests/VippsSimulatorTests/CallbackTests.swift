import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("Payment-update callbacks to the shop (docs/ecom-v2.md#payment-update-callback)")
struct CallbackTests {
    static let authToken = "Basic c2VjcmV0LWF1dGgtdG9rZW4="

    @Test("force approve: one POST to callbackPrefix/v2/payments/{orderId}, Authorization = authToken, RESERVED")
    func forceApproveCallback() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(
                    shopURL,
                    orderId: "order-1",
                    token: token,
                    amount: 34900,
                    edits: [JSONEdit("merchantInfo.authToken", .string(Self.authToken))]
                )
                let landingToken = try #require(landing.components(separatedBy: "token=").last)
                #expect(try await session.approve("order-1", token: token, landingToken: landingToken).status == .ok)

                let attempts = try await session.callbacks()
                #expect(attempts.count == 1)
                let attempt = try #require(attempts.first)
                #expect(attempt["kind"] as? String == "payment-update")
                #expect(attempt["url"] as? String == "\(shopURL)/vipps/v2/payments/order-1")
                #expect(attempt["method"] as? String == "POST")
                #expect(attempt["status"] as? Int == 200)
                #expect(attempt["attempt"] as? Int == 1)
                #expect(attempt["authorization"] as? Bool == true)
                #expect(attempt["error"] == nil)

                let received = try #require(shop.received.first)
                #expect(shop.received.count == 1)
                #expect(received.path == "/vipps/v2/payments/order-1")
                #expect(received.authorization == Self.authToken)
                #expect(received.body == attempt["body"] as? String)
                let body = try received.object()
                #expect(body["merchantSerialNumber"] as? Int == 123456)
                #expect(body["orderId"] as? String == "order-1")
                #expect(body["shippingDetails"] == nil && body["userDetails"] == nil && body["errorInfo"] == nil)
                let info = try #require(body["transactionInfo"] as? [String: Any])
                #expect(info["status"] as? String == "RESERVED")
                #expect(info["amount"] as? Int == 34900)
                #expect(info["timeStamp"] as? String == "2025-06-15T15:06:40.000Z")
                let details = try await session.details("order-1", token: token).object()
                let history = try #require(details["transactionLogHistory"] as? [[String: Any]])
                #expect(info["transactionId"] as? String == history.last?["transactionId"] as? String)

                // The authToken is never shown: not in the listing, not in the request log.
                let listing = try await session.send(.get, "/sim/v1/callbacks").text
                #expect(!listing.contains("c2VjcmV0"))
            }
        }
    }

    @Test(
        "control reject: CANCELLED, without Authorization when initiate had no authToken; ?orderId= filters; reset forgets"
    )
    func rejectCallback() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                _ = try await session.initiateForShop(shopURL, orderId: "order-1", token: token)
                _ = try await session.initiateForShop(shopURL, orderId: "order-2", token: token)
                #expect(try await session.send(.post, "/sim/v1/payments/order-1/reject").status == .ok)
                #expect(try await session.send(.post, "/sim/v1/payments/order-2/reject").status == .ok)
                #expect(try await session.callbacks(atLeast: 2).count == 2)

                let one = try await session.callbacks(orderId: "order-2")
                #expect(one.count == 1)
                #expect(one.first?["authorization"] as? Bool == false)
                let body = try #require(shop.received.first { $0.path.hasSuffix("order-2") })
                #expect(body.authorization == nil)
                let info = try #require(try body.object()["transactionInfo"] as? [String: Any])
                #expect(info["status"] as? String == "CANCELLED")

                #expect(try await session.send(.post, "/sim/v1/reset").status == .ok)
                #expect(try await session.callbacks(atLeast: 0).isEmpty)
            }
        }
    }

    @Test("direct capture: SALE")
    func saleCallback() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let settings = try await session.send(
                    .post, "/sim/v1/settings", body: #"{"merchants":{"123456":{"directCapture":true}}}"#)
                #expect(settings.status == .ok, "\(settings.text)")
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(shopURL, orderId: "order-1", token: token)
                _ = try await session.approve(
                    "order-1", token: token, landingToken: landing.components(separatedBy: "token=").last)
                _ = try await session.callbacks()
                let info = try #require(try shop.received.first?.object()["transactionInfo"] as? [String: Any])
                #expect(info["status"] as? String == "SALE")
            }
        }
    }

    @Test("a shop that does not answer: the error is recorded; --callback-retries adds attempts")
    func unreachableShop() async throws {
        // Port 1 (tcpmux) is privileged and unused on any test machine: the connection is refused.
        let unusedPort = 1
        try await SimulatorHarness(callbackRetries: 2).run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiateForShop("http://127.0.0.1:\(unusedPort)", orderId: "order-1", token: token)
            #expect(try await session.send(.post, "/sim/v1/payments/order-1/reject").status == .ok)
            let attempts = try await session.callbacks(atLeast: 3)
            #expect(attempts.map { $0["attempt"] as? Int } == [1, 2, 3])
            for attempt in attempts {
                #expect(attempt["status"] == nil)
                #expect((attempt["error"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("a shop slower than 3 seconds: one attempt, recorded as a timeout")
    func slowShop() async throws {
        let shop = ShopReceiver(delay: .seconds(4))
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                _ = try await session.initiateForShop(shopURL, orderId: "order-1", token: token)
                #expect(try await session.send(.post, "/sim/v1/payments/order-1/reject").status == .ok)
                let attempts = try await session.callbacks()
                #expect(attempts.count == 1)
                let attempt = try #require(attempts.first)
                #expect(attempt["status"] == nil)
                let duration = try #require(attempt["durationMs"] as? Int)
                #expect((2900...4500).contains(duration), "\(duration)")
            }
        }
    }

    @Test("an https shop with a certificate from an unknown CA is trusted (decision: local shops use self-signed ones)")
    func selfSignedShop() async throws {
        // The "shop" is a second simulator serving HTTPS with its own fresh local CA; its unknown-route
        // 404 proves the TLS handshake succeeded.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vipps-sim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = SimulatorConfiguration(
            port: 0, usesTLS: true, stateDirectory: directory, requestLog: { _ in })
        let (addresses, continuation) = AsyncStream.makeStream(of: ListeningAddress.self)
        let shopApplication = try VippsSimulator(configuration: configuration).makeApplication {
            continuation.yield($0)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await shopApplication.run() }
            var iterator = addresses.makeAsyncIterator()
            let shop = try #require(await iterator.next())
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                _ = try await session.initiateForShop(shop.baseURL, orderId: "order-1", token: token)
                #expect(try await session.send(.post, "/sim/v1/payments/order-1/reject").status == .ok)
                let attempt = try #require(try await session.callbacks().first)
                #expect(attempt["url"] as? String == "\(shop.baseURL)/vipps/v2/payments/order-1")
                #expect(attempt["status"] as? Int == 404, "\(attempt)")
                #expect(attempt["error"] == nil)
            }
            group.cancelAll()
        }
    }
}
