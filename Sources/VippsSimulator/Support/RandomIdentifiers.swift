import Foundation

/// Random values the simulator hands out. They come from the system's CSPRNG: access tokens and
/// landing tokens are bearer secrets, so they must not be guessable even on a test machine.
enum RandomIdentifiers {
    /// A 10-digit numeric transaction id (the schemas say `^\d{10,}$`), without a leading zero so that
    /// clients that wrongly parse it as a number still see ten digits.
    static func transactionId() -> String {
        String(UInt64.random(in: 1_000_000_000...9_999_999_999))
    }

    /// The `token` of the landing URL: 256 random bits, URL-safe.
    static func landingToken() -> String {
        base64URL(randomBytes(32))
    }

    /// A log-search id for backend errors, as Vipps' `contextId`.
    static func contextId() -> String {
        UUID().uuidString.lowercased()
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
