import Foundation
import Hummingbird

/// `POST /accesstoken/get`: the Access Token API (docs/ecom-v2.md#access-token). An empty-bodied POST whose headers
/// carry the credentials; the subscription key is checked first, as the gateway sits in front.
struct AccessTokenRoutes {
    let credentials: SimulatorCredentials
    let tokenLifetime: TimeInterval
    let tokens: AccessTokens

    func add(to router: Router<SimulatorRequestContext>) {
        // Any casing of the path reaches this route: see `AccessTokenPath`.
        router.post(RouterPath(AccessTokenPath.canonical)) { request, _ in try issueToken(request) }
    }

    private func issueToken(_ request: Request) throws -> Response {
        try SubscriptionKeyCheck.check(request, expected: credentials.subscriptionKey)
        guard request.headers[.clientID] == credentials.clientID else {
            throw TokenServiceError.unknownClient(at: tokens.clock.now())
        }
        guard request.headers[.clientSecret] == credentials.clientSecret else {
            throw TokenServiceError.invalidClientSecret(at: tokens.clock.now())
        }
        return try JSONResponse.make(AccessTokenResponse(tokens.issue(lifetime: tokenLifetime)))
    }
}

/// The token endpoint is spelled `/accesstoken/get` in the spec and `/accessToken/get` in Vipps' own
/// examples; clients use both, so any casing is accepted (docs/ecom-v2.md#access-token). Only this path: orderIds in
/// the eCom paths are case-sensitive, so the router as a whole must stay case-sensitive.
enum AccessTokenPath {
    static let canonical = "/accesstoken/get"

    static func canonicalized(_ request: Request) -> Request {
        let path = request.uri.path
        guard path != canonical, path.lowercased() == canonical else { return request }
        var head = request.head
        head.path = canonical + (request.uri.query.map { "?" + $0 } ?? "")
        return Request(head: head, body: request.body)
    }
}

/// `AuthorizationTokenResponse`. The numeric fields are strings, as real Vipps sends them (Azure AD v1
/// style, docs/ecom-v2.md#access-token and #token-numbers-as-strings), although the OpenAPI file says integer: clients
/// must cope with both.
struct AccessTokenResponse: Encodable {
    static let resource = "00000002-0000-0000-c000-000000000000"

    let token_type = "Bearer"
    let expires_in: String
    let ext_expires_in = "0"
    let expires_on: String
    let not_before: String
    let resource = AccessTokenResponse.resource
    let access_token: String

    init(_ token: AccessToken) {
        expires_in = String(Int(token.expiresAt.timeIntervalSince(token.issuedAt).rounded()))
        expires_on = String(Int(token.expiresAt.timeIntervalSince1970))
        not_before = String(Int(token.issuedAt.timeIntervalSince1970))
        access_token = token.value
    }
}
