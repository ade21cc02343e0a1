import Synchronization
import VippsHTTP

/// Caches the access token of one client and fetches a new one when needed: on first use, ahead
/// of expiry, and once after Vipps answers 401. Fetches are single-flight: when several threads
/// need a token at once, one fetches and the others wait for its result.
final class AccessTokenProvider: Sendable {
    struct Token: Sendable {
        let value: String
        /// When to fetch a new one even though this one still works.
        let refreshAt: MonotonicInstant
    }

    private let cached = Mutex<Token?>(nil)
    private let fetchInProgress = Mutex<Void>(())

    /// A token that is not due for refresh, fetching one with `fetch` if needed.
    /// `fetch` returns the token and its lifetime in seconds.
    func token(fetch: () throws(VippsError) -> (String, Int64)) throws(VippsError) -> Token {
        if let token = usableToken() { return token }
        return try fetchInProgress.withLock { _ throws(VippsError) -> Token in
            // Another thread may have fetched while this one waited for the lock.
            if let token = usableToken() { return token }
            let started = MonotonicInstant.now()
            let (value, lifetime) = try fetch()
            let token = Token(value: value, refreshAt: started.adding(milliseconds: Self.refreshAfter(lifetime) * 1_000))
            cached.withLock { $0 = token }
            return token
        }
    }

    /// Forgets `token` after Vipps rejected it (unless another thread already replaced it).
    func invalidate(_ token: Token) {
        cached.withLock { current in
            if current?.value == token.value { current = nil }
        }
    }

    /// Seconds after which a token with `lifetime` is refreshed: a margin of a fifth of the
    /// lifetime, at most five minutes, so a request never leaves with a token about to expire.
    static func refreshAfter(_ lifetime: Int64) -> Int64 {
        let bounded = max(0, min(lifetime, 365 * 86_400))
        return bounded - min(300, bounded / 5)
    }

    private func usableToken() -> Token? {
        cached.withLock { token in
            guard let token, MonotonicInstant.now() < token.refreshAt else { return nil }
            return token
        }
    }
}
