import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import VippsSimulator

/// Profile sharing from the user's consent to the Userinfo answer (docs/webhooks-and-userinfo.md).
@Suite struct UserinfoTests {
    static let phone = "91234567"

    /// An ePayment payment with `scope`, pushed to the phone page by its landing page.
    static func createAndPush(_ client: EPaymentClient, reference: String, scope: String) async throws -> String {
        let body = EPaymentClient.createBody(reference: reference, extra: #""profile":{"scope":"\#(scope)"}"#)
        let created = try await client.create(body)
        #expect(created.status == .created, "\(created.text)")
        let redirect = try #require(try created.object()["redirectUrl"] as? String)
        let landing = String(
            try #require(redirect.range(of: "/dwo-api-application").map { redirect[$0.lowerBound...] }))
        let pushed = try await client.session.postForm(landing, [("phoneNumber", phone)])
        #expect(pushed.status == .seeOther)
        return landing
    }

    func userinfo(_ session: SimulatorSession, sub: String, token: String, msn: String? = nil) async throws -> Reply {
        var headers = SimulatorSession.apiHeaders(token: token, msn: msn)
        headers[.subscriptionKey] = nil
        return try await session.send(.get, "/vipps-userinfo-api/userinfo/\(sub)", headers: headers)
    }

    @Test func consentOnThePhonePageThenSubThenClaimsFor168Hours() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let client = try await EPaymentClient.make(session)
            _ = try await Self.createAndPush(client, reference: "profile-1", scope: "name phoneNumber")
            let page = try await session.send(.get, "/sim/v1/phone/\(Self.phone)")
            #expect(page.text.contains("Share with merchant") && page.text.contains("name, phone number"))
            #expect(page.text.contains(#"name="declineConsent""#))
            let before = try await client.get("profile-1").object()
            #expect((before["profile"] as? [String: Any])?["sub"] == nil, "no sub before approval")

            let approved = try await session.postForm(
                "/sim/v1/phone/\(Self.phone)/approve",
                [("merchantSerialNumber", SimulatorHarness.msn), ("orderId", "profile-1")])
            #expect(approved.status == .seeOther)
            let payment = try await client.get("profile-1").object()
            let sub = try #require((payment["profile"] as? [String: Any])?["sub"] as? String)
            #expect(UUID(uuidString: sub) != nil)

            let claims = try await userinfo(session, sub: sub, token: client.token)
            #expect(claims.status == .ok, "\(claims.text)")
            let object = try claims.object()
            #expect(Set(object.keys) == ["sub", "sid", "name", "given_name", "family_name", "phone_number"])
            #expect(object["phone_number"] as? String == "4791234567")
            #expect(object["name"] as? String == "Test User")

            // The profile is read at fetch time.
            let changed = try await session.send(
                .post, "/sim/v1/users",
                body:
                    #"{"phoneNumber":"4791234567","givenName":"Kari","familyName":"Nordmann","email":"kari@example.com","emailVerified":false,"birthDate":"1990-05-17","nin":"17059012345","streetAddress":"Storgata 1","postalCode":"0155","region":"OSLO","country":"NO"}"#
            )
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(
                try await userinfo(session, sub: sub, token: client.token).object()["name"] as? String
                    == "Kari Nordmann")

            #expect(try await userinfo(session, sub: UUID().uuidString, token: client.token).status == .notFound)
            let wrongKey = try await session.send(
                .get, "/vipps-userinfo-api/userinfo/\(sub)",
                headers: SimulatorSession.apiHeaders(token: client.token, subscriptionKey: "wrong"))
            #expect(wrongKey.status == .unauthorized)
            #expect(try await userinfo(session, sub: sub, token: "not-a-token").status == .unauthorized)

            harness.clock.advance(by: 168 * 3600 - 1)
            let token = try await session.fetchToken()
            #expect(try await userinfo(session, sub: sub, token: token).status == .ok)
            harness.clock.advance(by: 2)
            let expired = try await userinfo(session, sub: sub, token: token)
            #expect(expired.status == .notFound)
            let error = try expired.object()
            #expect(error["title"] as? String == "Userinfo expired")
            #expect(error["status"] as? String == "404")
        }
    }

    @Test func decliningTheConsentAbortsThePayment() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            _ = try await Self.createAndPush(client, reference: "profile-2", scope: "email")
            let declined = try await session.postForm(
                "/sim/v1/phone/\(Self.phone)/reject",
                [("merchantSerialNumber", SimulatorHarness.msn), ("orderId", "profile-2"), ("declineConsent", "")])
            #expect(declined.status == .seeOther)
            let payment = try await client.get("profile-2").object()
            #expect(payment["state"] as? String == "ABORTED")
            #expect((payment["profile"] as? [String: Any])?["sub"] == nil)
        }
    }

    @Test func eComDetailsCarrySubAndItIsPerSalesUnit() async throws {
        try await SimulatorHarness(merchantSerialNumbers: [SimulatorHarness.msn, "654321"]).run { session in
            let token = try await session.fetchToken()
            var subs: [String] = []
            for msn in [SimulatorHarness.msn, "654321"] {
                let orderId = "ecom-profile-\(msn)"
                let landingToken = try await session.initiatePayment(
                    orderId: orderId, token: token,
                    edits: [
                        JSONEdit("transaction.scope", .string("address email")),
                        JSONEdit("merchantInfo.merchantSerialNumber", .string(msn)),
                    ])
                _ = try await session.send(
                    .post, "/ecomm/v2/integration-test/payments/\(orderId)/approve",
                    headers: SimulatorSession.apiHeaders(token: token, msn: msn),
                    body: #"{"customerPhoneNumber":"\#(Self.phone)","token":"\#(landingToken)"}"#)
                let details = try await session.details(orderId, token: token, msn: msn)
                #expect(details.status == .ok, "\(details.text)")
                subs.append(try #require(try details.object()["sub"] as? String, "\(details.text)"))
            }
            #expect(subs[0] != subs[1], "a sub belongs to one sales unit")
            let claims = try await userinfo(session, sub: subs[0], token: token).object()
            #expect(Set(claims.keys) == ["sub", "sid", "address", "other_addresses", "email", "email_verified"])
            #expect(try await userinfo(session, sub: subs[0], token: token, msn: "654321").status == .notFound)
        }
    }
}
