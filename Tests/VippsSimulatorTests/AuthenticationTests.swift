import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("Subscription key, Bearer token and MSN checks on the eCom endpoints")
struct AuthenticationTests {
    private func expectAzureUnauthorized(_ reply: Reply) throws {
        #expect(reply.status == .unauthorized)
        let body = try reply.object()
        let info = try #require(body["responseInfo"] as? [String: Any])
        #expect(info["responseCode"] as? Int == 401)
        #expect(info["responseMessage"] as? String == "Unauthorized")
        #expect((body["result"] as? [String: Any])?["message"] is String)
    }

    @Test("a missing or wrong subscription key is refused before the token is looked at")
    func subscriptionKey() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let missing = try await session.send(
                .get, "/ecomm/v2/payments/x/details",
                headers: SimulatorSession.apiHeaders(token: token, subscriptionKey: nil))
            #expect(missing.status == .unauthorized)
            #expect((try missing.object()["message"] as? String)?.contains("missing subscription key") == true)
            let wrong = try await session.send(
                .get, "/ecomm/v2/payments/x/details",
                headers: SimulatorSession.apiHeaders(token: token, subscriptionKey: "nope"))
            #expect(wrong.status == .unauthorized)
            #expect((try wrong.object()["message"] as? String)?.contains("invalid subscription key") == true)
        }
    }

    @Test("no Authorization header, 'bearer' in lower case, or an unknown token: 401 in the Azure shape")
    func bearerToken() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()

            var lowercase = SimulatorSession.apiHeaders(token: nil)
            lowercase[.authorization] = "bearer \(token)"
            let lowercaseReply = try await session.send(.get, "/ecomm/v2/payments/x/details", headers: lowercase)
            try expectAzureUnauthorized(lowercaseReply)
            #expect(!lowercaseReply.text.contains(token))

            let none = try await session.send(
                .get, "/ecomm/v2/payments/x/details", headers: SimulatorSession.apiHeaders(token: nil))
            try expectAzureUnauthorized(none)

            try expectAzureUnauthorized(try await session.details("x", token: "made-up-token"))
            // The real token gets through to the route (which does not know the order).
            #expect(try await session.details("x", token: token).status == .notFound)
        }
    }

    @Test("a token expires after its lifetime, measured with the simulator clock")
    func expiry() async throws {
        let harness = SimulatorHarness(tokenLifetime: 3600)
        try await harness.run { session in
            let token = try await session.fetchToken()
            harness.clock.advance(by: 3599)
            #expect(try await session.details("x", token: token).status == .notFound)
            harness.clock.advance(by: 1)
            try expectAzureUnauthorized(try await session.details("x", token: token))
        }
    }

    @Test("a Merchant-Serial-Number header must name a configured sales unit (403, Merchant error array)")
    func merchantSerialNumberHeader() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.details("x", token: token, msn: "654321").expectBackendError(
                .forbidden, group: "Merchant", code: "37")
            try await session.details("x", token: token, msn: "123456").expectBackendError(
                .notFound, group: "Merchant", code: "35")
        }
    }

    @Test("reset forgets tokens")
    func resetForgetsTokens() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            #expect(try await session.send(.post, "/sim/v1/reset").status == .ok)
            try expectAzureUnauthorized(try await session.details("x", token: token))
        }
    }

    @Test("tokens/revoke forgets tokens and keeps payments")
    func revokeKeepsPayments() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "kept-1", token: token)
            #expect(try await session.send(.post, "/sim/v1/tokens/revoke").status == .ok)
            try expectAzureUnauthorized(try await session.details("kept-1", token: token))
            let renewed = try await session.fetchToken()
            #expect(try await session.details("kept-1", token: renewed).status == .ok)
        }
    }
}
