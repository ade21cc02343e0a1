import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("Control API, unknown routes, log and secrets")
struct ControlAPITests {
    @Test("GET /sim/v1/health")
    func health() async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(.get, "/sim/v1/health")
            #expect(reply.status == .ok)
            let body = try reply.object()
            #expect(body as? [String: String] == ["status": "ok", "version": SimulatorVersion.current])
        }
    }

    @Test("GET /sim/v1/payments lists state and amounts; POST /sim/v1/reset forgets them")
    func listAndReset() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token, amount: 15000)
            _ = try await session.initiatePayment(orderId: "order-2", token: token)
            #expect(try await session.approve("order-1", token: token, landingToken: landingToken).status == .ok)

            let payments = try #require(
                try await session.send(.get, "/sim/v1/payments").object()["payments"] as? [[String: Any]])
            #expect(payments.map { $0["orderId"] as? String } == ["order-1", "order-2"])
            #expect(payments.map { $0["state"] as? String } == ["RESERVE", "INITIATE"])
            #expect(payments[0]["merchantSerialNumber"] as? String == "123456")
            #expect(payments[0]["amount"] as? Int == 15000)
            #expect((payments[0]["transactionSummary"] as? [String: Int])?["remainingAmountToCapture"] == 15000)
            #expect((payments[0]["transactionLogHistory"] as? [Any])?.count == 2)

            #expect(try await session.send(.post, "/sim/v1/reset").status == .ok)
            let after = try await session.send(.get, "/sim/v1/payments").object()["payments"] as? [Any]
            #expect(after?.isEmpty == true)
        }
    }

    @Test(
        "unknown paths and methods: 404 in the gateway's shape",
        arguments: ["/", "/ecomm/v2/nothing", "/ecomm/v2/payments/x/authorize", "/sim/v1/nothing"])
    func unknownRoute(_ path: String) async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(.get, path)
            #expect(reply.status == .notFound)
            #expect(try reply.object()["statusCode"] as? Int == 404)
        }
        try await SimulatorHarness().run { session in
            let reply = try await session.send(.delete, "/accesstoken/get")
            #expect(reply.status == .notFound)
        }
    }

    @Test("one log line per request: method, path, status, duration")
    func requestLog() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            _ = try await session.fetchToken()
            _ = try await session.send(.get, "/nowhere?secret=1")
        }
        let lines = harness.log.all
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("POST /accesstoken/get 200 ") == true)
        #expect(lines.last?.hasPrefix("GET /nowhere 404 ") == true)
        #expect(lines.allSatisfy { $0.hasSuffix("ms") })
    }

    @Test("no secret appears in any response body or log line")
    func noSecretsInOutput() async throws {
        let harness = SimulatorHarness()
        let authToken = "merchant-callback-auth-token-7f3a"
        let secrets = [
            SimulatorHarness.credentials.clientSecret, SimulatorHarness.credentials.subscriptionKey, authToken,
        ]
        let bodies = LogCollector()
        try await harness.run { session in
            let token = try await session.fetchToken()
            func record(_ reply: Reply) { bodies.append(reply.text) }
            let landingToken = try await session.initiatePayment(
                orderId: "order-1", token: token, edits: [JSONEdit("merchantInfo.authToken", .string(authToken))])
            record(try await session.details("order-1", token: token))
            record(try await session.approve("order-1", token: token, landingToken: landingToken))
            record(try await session.approve("order-1", token: token, landingToken: landingToken))
            record(try await session.details("order-1", token: token))
            record(try await session.send(.get, "/sim/v1/payments"))
            record(try await session.initiate(InitiateBody.json(orderId: "order-1"), token: token))
            record(
                try await session.initiate(
                    InitiateBody.json(edits: [JSONEdit("merchantInfo.merchantSerialNumber", .integer(1))]), token: token
                ))
            record(
                try await session.send(
                    .get, "/ecomm/v2/payments/order-1/details", headers: SimulatorSession.apiHeaders(token: token + "x")
                ))
            record(
                try await session.send(
                    .post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders(clientSecret: "wrong")))
            for output in bodies.all + harness.log.all {
                for secret in secrets + [token] {
                    #expect(!output.contains(secret), "output reveals a secret: \(output)")
                }
            }
        }
    }
}
