import VippsHTTP

/// Removes the values of known secrets from text the library emits: log lines and every field of
/// an error. Masking by JSON key (`LogRedaction`) cannot catch a secret that a server echoes back
/// inside a message, in a field we do not know, or in an error code or context id; a search for
/// the values themselves can (end to end: bindings/c/tests/test_secret_hygiene.c).
///
/// The secrets: the client secret and subscription key (fixed per client), the access tokens the
/// client has fetched (the latest few), and the authToken of each initiate while it runs (the only
/// time the library holds it).
final class SecretScrubber: Sendable {
    static let replacement = "[redacted]"
    /// Shorter values are not searched for: replacing them would garble ordinary text.
    static let minimumLength = 4
    /// Tokens rotate about hourly; an older one can still be echoed by a request in flight.
    static let tokensKept = 4

    /// Each secret is kept as the UTF-8 bytes it is searched for, converted once when learned
    /// rather than for every line scrubbed.
    private struct Learned {
        var tokens: [[UInt8]] = []
        /// A multiset: the same authToken may be used by concurrent initiates.
        var inFlight: [[UInt8]] = []
    }

    private let fixed: [[UInt8]]
    private let learned = ProcessLock(Learned())

    init(_ secrets: [String]) {
        fixed = secrets.flatMap(Self.forms)
    }

    /// An access token the client now uses.
    func rememberToken(_ token: String) {
        let forms = Self.forms(token)
        learned.withLock { state in
            state.tokens.removeAll { forms.contains($0) }
            state.tokens.append(contentsOf: forms)
            if state.tokens.count > Self.tokensKept * 2 {
                state.tokens.removeFirst(state.tokens.count - Self.tokensKept * 2)
            }
        }
    }

    /// Scrubs `secret` while `body` runs (an initiate's authToken).
    func whileInFlight<T>(_ secret: String?, _ body: () throws(VippsError) -> T) throws(VippsError) -> T {
        guard let secret else { return try body() }
        let forms = Self.forms(secret)
        learned.withLock { $0.inFlight.append(contentsOf: forms) }
        defer {
            learned.withLock { state in
                for form in forms {
                    if let index = state.inFlight.firstIndex(of: form) { state.inFlight.remove(at: index) }
                }
            }
        }
        return try body()
    }

    func scrub(_ text: String) -> String {
        let (tokens, inFlight) = learned.withLock { ($0.tokens, $0.inFlight) }
        // Searched as UTF-8 bytes, not Characters: a String search compares grapheme clusters,
        // so a secret followed by a combining mark (a server's "abcd\u{301}") would not match.
        var bytes = Array(text.utf8)
        var changed = false
        for secrets in [fixed, tokens, inFlight] {
            for secret in secrets {
                changed = Self.replaceAll(secret, in: &bytes) || changed
            }
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// Replaces every occurrence of `needle` in `bytes` with the replacement text.
    private static func replaceAll(_ needle: [UInt8], in bytes: inout [UInt8]) -> Bool {
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        var result: [UInt8] = []
        var index = 0
        var found = false
        while index < bytes.count {
            if bytes.count - index >= needle.count && bytes[index] == needle[0]
                && bytes[index..<(index + needle.count)].elementsEqual(needle)
            {
                if !found {
                    result.reserveCapacity(bytes.count)
                    result.append(contentsOf: bytes[0..<index])
                    found = true
                }
                result.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                if found { result.append(bytes[index]) }
                index += 1
            }
        }
        if found { bytes = result }
        return found
    }

    func scrub(_ error: VippsError) -> VippsError {
        var copy = error
        copy.message = scrub(error.message)
        copy.errorGroup = error.errorGroup.map(scrub)
        copy.errorCode = error.errorCode.map(scrub)
        copy.contextId = error.contextId.map(scrub)
        copy.requestId = error.requestId.map(scrub)
        return copy
    }

    /// The value as it appears in text and, if different, as it appears in a JSON string of a
    /// logged body (quotes and backslashes escaped).
    private static func forms(_ secret: String) -> [[UInt8]] {
        guard secret.count >= minimumLength else { return [] }
        let quoted = JSONValue.quote(secret)
        let escaped = String(quoted.dropFirst().dropLast())
        return (escaped == secret ? [secret] : [secret, escaped]).map { Array($0.utf8) }
    }
}

extension LogSink {
    /// The same sink, with `scrubber` applied to every line before the host sees it.
    func scrubbing(with scrubber: SecretScrubber) -> LogSink {
        let sink = self
        return LogSink(minimumLevel: minimumLevel, includePersonalData: includePersonalData) { level, message in
            sink.log(level, scrubber.scrub(message))
        }
    }
}
