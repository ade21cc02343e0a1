import Foundation

/// `AuthorizationTokenResponse`. The numeric fields are strings, as real Vipps sends them (Azure AD v1
/// style, reference §2.1 and §15.10), although the OpenAPI file says integer: clients must cope with both.
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
