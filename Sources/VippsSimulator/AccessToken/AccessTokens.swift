import Foundation

/// Makes access token strings.
///
/// Real tokens are signed JWTs of 1000+ characters. Ours have the same three-part shape (so logs and
/// clients that peek at them look familiar) but the signature part is 512 random bits: the simulator
/// only ever checks a token by looking it up, so the randomness is what makes it unguessable.
enum AccessTokenFactory {
    static func makeToken(issuedAt: Date, expiresAt: Date) -> String {
        let header = #"{"typ":"JWT","alg":"none","kid":"vipps-sim"}"#
        let claims = """
            {"iss":"vipps-sim","aud":"\(AccessTokenResponse.resource)",\
            "iat":\(Int(issuedAt.timeIntervalSince1970)),"nbf":\(Int(issuedAt.timeIntervalSince1970)),\
            "exp":\(Int(expiresAt.timeIntervalSince1970)),"jti":"\(RandomIdentifiers.contextId())"}
            """
        return [
            RandomIdentifiers.base64URL(Array(header.utf8)),
            RandomIdentifiers.base64URL(Array(claims.utf8)),
            RandomIdentifiers.base64URL(RandomIdentifiers.randomBytes(64)),
        ].joined(separator: ".")
    }
}

/// An issued access token, remembered until it expires.
public struct AccessToken: Sendable, Equatable {
    public let value: String
    public let issuedAt: Date
    public let expiresAt: Date

    public func isValid(at date: Date) -> Bool {
        issuedAt <= date && date < expiresAt
    }
}
