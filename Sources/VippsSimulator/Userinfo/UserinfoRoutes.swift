import Foundation
import Hummingbird

/// `GET /vipps-userinfo-api/userinfo/{sub}` with the merchant's access token: the claims the user
/// consented to when approving a payment with a `scope`, for 168 hours on the simulated clock
/// (docs/webhooks-and-userinfo.md, "Userinfo"). The profile is read at fetch time, as at Vipps.
struct UserinfoRoutes {
    let store: PaymentStore
    let users: TestUsers
    let tokens: AccessTokens
    let subscriptionKey: String

    func add(to router: Router<SimulatorRequestContext>) {
        router.get("vipps-userinfo-api/userinfo/:sub") { request, context in
            // The gateway in front answers key and token problems, in its own shape. Vipps' own
            // Postman requests for Userinfo send no subscription key, so a missing one is let
            // through (docs/webhooks-and-userinfo.md); a wrong one is not.
            if request.headers[.subscriptionKey] != nil {
                try SubscriptionKeyCheck.check(request, expected: subscriptionKey)
            }
            try VippsAuthenticationMiddleware.checkToken(request, tokens: tokens)
            let sub = try context.parameters.require("sub").lowercased()
            let msn = request.headers[.merchantSerialNumber]
            if let msn, !store.isKnownMerchant(msn) {
                throw UserinfoError(
                    status: .forbidden, title: "Forbidden", detail: "These credentials may not act for MSN \(msn).")
            }
            return try JSONResponse.make(try claims(sub: sub, merchantSerialNumber: msn))
        }
    }

    private func claims(sub: String, merchantSerialNumber: String?) throws(UserinfoError) -> [String: JSONValue] {
        let now = store.clock.now()
        let consents = store.allPayments().compactMap { payment -> Payment.ProfileConsent? in
            guard merchantSerialNumber == nil || payment.merchantSerialNumber == merchantSerialNumber else {
                return nil
            }
            return payment.profileConsent.flatMap { $0.sub == sub ? $0 : nil }
        }
        guard let newest = consents.max(by: { $0.at < $1.at }) else {
            throw UserinfoError(status: .notFound, title: "Not Found", detail: "No user with this sub shared data.")
        }
        let current = consents.filter { now.timeIntervalSince($0.at) <= Payment.userinfoLifetime }
        guard !current.isEmpty else {
            throw UserinfoError(
                status: .notFound, title: "Userinfo expired",
                detail:
                    "The data can be fetched for 168 hours after the payment; \(Timestamp.string(from: newest.at)) is longer ago."
            )
        }
        let scopes = Set(current.flatMap(\.scopes))
        return Self.claims(of: users.user(phoneNumber: newest.phoneNumber), sub: sub, scopes: scopes)
    }

    /// Only the consented claims, and `sub` always.
    static func claims(of user: TestUser, sub: String, scopes: Set<String>) -> [String: JSONValue] {
        var claims: [String: JSONValue] = ["sub": .string(sub), "sid": .string(String(sub.prefix(8)) + "ba1de74a")]
        if scopes.contains("name") {
            claims["name"] = .string(user.givenName + " " + user.familyName)
            claims["given_name"] = .string(user.givenName)
            claims["family_name"] = .string(user.familyName)
        }
        if scopes.contains("email") {
            claims["email"] = .string(user.email)
            claims["email_verified"] = .bool(user.emailVerified)
        }
        if scopes.contains("phoneNumber") { claims["phone_number"] = .string(user.phoneNumber) }
        if scopes.contains("birthDate") { claims["birthdate"] = .string(user.birthDate) }
        if scopes.contains("nin") { claims["nin"] = .string(user.nin) }
        if scopes.contains("address") {
            claims["address"] = .object([
                "address_type": .string("home"),
                "country": .string(user.country),
                "formatted": .string("\(user.streetAddress)\n\(user.postalCode) \(user.region)\n\(user.country)"),
                "postal_code": .string(user.postalCode),
                "region": .string(user.region),
                "street_address": .string(user.streetAddress),
                "default": .bool(true),
            ])
            claims["other_addresses"] = .array([])
        }
        return claims
    }
}

/// Userinfo's own error shape, `UserinfoError`: like a problem, but `status` is a string and the
/// extra member is `extraInfo`.
struct UserinfoError: Error, Sendable, HTTPResponseError {
    let status: HTTPResponse.Status
    let title: String
    let detail: String

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: String
        let detail: String
        let instance: String
        let extraInfo: [String: [String: String]]
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(
            status: status,
            Body(
                type: "https://httpstatuses.io/\(status.code)", title: title, status: String(status.code),
                detail: detail, instance: UUID().uuidString.lowercased(), extraInfo: [:]))
    }
}
