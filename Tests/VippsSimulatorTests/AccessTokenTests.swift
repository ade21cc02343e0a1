import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("POST /accesstoken/get")
struct AccessTokenTests {
    @Test(
        "issues a token with numeric fields as strings",
        arguments: ["/accesstoken/get", "/accessToken/get", "/ACCESSTOKEN/GET"])
    func issuesToken(path: String) async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let reply = try await session.send(.post, path, headers: SimulatorSession.tokenHeaders())
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "application/json;charset=UTF-8")
            let body = try reply.object()
            #expect(body["token_type"] as? String == "Bearer")
            #expect(body["expires_in"] as? String == "3600")
            #expect(body["ext_expires_in"] as? String == "0")
            #expect(body["resource"] as? String == "00000002-0000-0000-c000-000000000000")
            let notBefore = try #require((body["not_before"] as? String).flatMap { Int($0) })
            let expiresOn = try #require((body["expires_on"] as? String).flatMap { Int($0) })
            #expect(notBefore == 1_750_000_000)
            #expect(expiresOn - notBefore == 3600)
            let token = try #require(body["access_token"] as? String)
            #expect(token.count >= 200)
        }
    }

    @Test("tokens are unique and the lifetime follows the configuration")
    func lifetimeAndUniqueness() async throws {
        let harness = SimulatorHarness(tokenLifetime: 60)
        try await harness.run { session in
            let first = try await session.send(.post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders())
                .object()
            let second = try await session.send(.post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders())
                .object()
            #expect(first["expires_in"] as? String == "60")
            #expect(first["access_token"] as? String != second["access_token"] as? String)
        }
    }

    @Test("wrong client_id gives Azure AD unauthorized_client / AADSTS70001")
    func wrongClientID() async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(
                .post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders(clientID: "someone-else"))
            #expect(reply.status == .unauthorized)
            let body = try reply.object()
            #expect(body["error"] as? String == "unauthorized_client")
            #expect((body["error_description"] as? String)?.hasPrefix("AADSTS70001") == true)
            #expect(body["error_codes"] as? [Int] == [70001])
            #expect(body["timestamp"] is String && body["trace_id"] is String && body["correlation_id"] is String)
            #expect(!reply.text.contains("someone-else"))
        }
    }

    @Test("missing client_id is an unknown client too")
    func missingClientID() async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(
                .post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders(clientID: nil))
            #expect(reply.status == .unauthorized)
            #expect(try reply.object()["error"] as? String == "unauthorized_client")
        }
    }

    @Test("wrong client_secret gives Azure AD invalid_client / AADSTS7000215, without echoing it")
    func wrongSecret() async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(
                .post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders(clientSecret: "guessed-secret"))
            #expect(reply.status == .unauthorized)
            let body = try reply.object()
            #expect(body["error"] as? String == "invalid_client")
            #expect((body["error_description"] as? String)?.hasPrefix("AADSTS7000215") == true)
            #expect(body["error_codes"] as? [Int] == [7_000_215])
            #expect(!reply.text.contains("guessed-secret"))
        }
    }

    @Test("missing subscription key gives the gateway's missing-key object")
    func missingSubscriptionKey() async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(
                .post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders(subscriptionKey: nil))
            #expect(reply.status == .unauthorized)
            let body = try reply.object()
            #expect(body["statusCode"] as? Int == 401)
            #expect((body["message"] as? String)?.hasPrefix("Access denied due to missing subscription key.") == true)
        }
    }

    @Test("wrong subscription key gives the gateway's invalid-key object, without echoing it")
    func wrongSubscriptionKey() async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(
                .post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders(subscriptionKey: "stolen-key"))
            #expect(reply.status == .unauthorized)
            let body = try reply.object()
            #expect(body["statusCode"] as? Int == 401)
            #expect(
                body["message"] as? String
                    == "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."
            )
            #expect(!reply.text.contains("stolen-key"))
        }
    }
}
