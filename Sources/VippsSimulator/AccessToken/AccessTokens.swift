import Foundation
import Synchronization

/// The access tokens issued and not yet expired. Apart from the payment store: tokens are not saved in
/// the state file and no payment refers to one, so checking a token never waits for a payment's change.
final class AccessTokens: Sendable {
    let clock: any SimulatorClock
    private let tokens = Mutex<[String: AccessToken]>([:])
    /// Tokens issued since the simulator started, never reset: tests count the fetches of their
    /// clients as the difference of two readings (`GET /sim/v1/tokens`).
    private let issuedCount = Atomic<Int>(0)

    init(clock: any SimulatorClock) {
        self.clock = clock
    }

    /// Issues a token valid for `lifetime` seconds from now. Several tokens may be valid at once, as at Vipps.
    func issue(lifetime: TimeInterval) -> AccessToken {
        let now = clock.now()
        let expiry = now.addingTimeInterval(lifetime)
        let token = AccessToken(
            value: AccessTokenFactory.makeToken(issuedAt: now, expiresAt: expiry), issuedAt: now, expiresAt: expiry)
        tokens.withLock { tokens in
            // Forget expired tokens here, so that a long-running simulator does not grow without bound.
            tokens = tokens.filter { $0.value.expiresAt > now }
            tokens[token.value] = token
        }
        issuedCount.add(1, ordering: .relaxed)
        return token
    }

    /// How many tokens were issued since start, and how many of them are valid now.
    func counts() -> (issued: Int, valid: Int) {
        let now = clock.now()
        let valid = tokens.withLock { tokens in tokens.values.count { $0.isValid(at: now) } }
        return (issuedCount.load(ordering: .relaxed), valid)
    }

    func isValid(_ value: String) -> Bool {
        let now = clock.now()
        return tokens.withLock { $0[value]?.isValid(at: now) ?? false }
    }

    /// Forgets every token (`POST /sim/v1/reset`).
    func reset() {
        tokens.withLock { $0 = [:] }
    }
}

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
struct AccessToken: Sendable, Equatable {
    let value: String
    let issuedAt: Date
    let expiresAt: Date

    func isValid(at date: Date) -> Bool {
        issuedAt <= date && date < expiresAt
    }
}
