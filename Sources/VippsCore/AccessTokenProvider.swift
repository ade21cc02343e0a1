import Glibc
import VippsHTTP

/// Caches the access token of one client and fetches a new one when needed: on first use, ahead
/// of expiry, and once after Vipps answers 401.
///
/// Fetches are single-flight: when several threads need a token at once, one fetches and the
/// others wait for its outcome, token or error, each no longer than its own call's deadline. No
/// lock is held while fetching: a lock held across the network would stall every waiter without
/// a bound, and a fork() meanwhile would leave the child a lock nobody can release.
final class AccessTokenProvider: Sendable {
    struct Token: Sendable {
        let value: String
        /// When to fetch a new one even though this one still works.
        let refreshAt: MonotonicInstant
    }

    private struct State {
        var token: Token?
        /// The fetch under way: its number and the process that started it. In a forked child
        /// the fetching thread does not exist, so a fetch of another process counts as none.
        var fetching: (generation: UInt64, process: pid_t)?
        var generation: UInt64 = 0
        /// The outcome of the latest fetch, for the threads that waited for it.
        var outcome: (generation: UInt64, result: Result<Token, VippsError>)?
    }

    private enum Step {
        case use(Token)
        case fetch(generation: UInt64)
        case wait(generation: UInt64)
    }

    private let state = ProcessLock(State())

    /// A token that is not due for refresh, fetching one with `fetch` if needed. `fetch` is
    /// given `deadline` and returns the token and how long to use it, in milliseconds (a fresh
    /// token's `refreshAfter` its lifetime; what remains of a shared one). A thread that waits
    /// for another's fetch gets that fetch's token or error; when `deadline` passes first it
    /// gets a timeout.
    func token(
        deadline: MonotonicInstant,
        fetch: (MonotonicInstant) throws(VippsError) -> (String, Int64)
    ) throws(VippsError) -> Token {
        while true {
            let step = state.withLock { state -> Step in
                if let token = state.token, MonotonicInstant.now() < token.refreshAt { return .use(token) }
                if let fetching = state.fetching, fetching.process == getpid() {
                    return .wait(generation: fetching.generation)
                }
                state.generation &+= 1
                state.fetching = (state.generation, getpid())
                return .fetch(generation: state.generation)
            }
            switch step {
            case .use(let token):
                return token
            case .fetch(let generation):
                return try publish(generation, Self.run(fetch, deadline: deadline)).get()
            case .wait(let generation):
                let outcome = state.wait(until: deadline) { state -> Result<Token, VippsError>?? in
                    if let outcome = state.outcome, outcome.generation == generation { return .some(outcome.result) }
                    // Superseded (a fetch of a forked parent, or a newer one): decide again.
                    if state.fetching?.generation != generation { return .some(nil) }
                    return nil
                }
                guard let outcome else {
                    throw VippsError(
                        .timeout, "the call's deadline passed while another thread fetched the access token",
                        isRetryable: true)
                }
                if let result = outcome { return try result.get() }
            }
        }
    }

    private static func run(
        _ fetch: (MonotonicInstant) throws(VippsError) -> (String, Int64),
        deadline: MonotonicInstant
    ) -> Result<Token, VippsError> {
        let started = MonotonicInstant.now()
        do {
            let (value, useFor) = try fetch(deadline)
            return .success(Token(value: value, refreshAt: started.adding(milliseconds: max(0, useFor))))
        } catch {
            return .failure(error)
        }
    }

    /// Hands the outcome of fetch `generation` to its waiters and caches a token.
    private func publish(_ generation: UInt64, _ result: Result<Token, VippsError>) -> Result<Token, VippsError> {
        state.withLockWakingWaiters { state in
            guard state.fetching?.generation == generation else { return }
            state.fetching = nil
            state.outcome = (generation, result)
            if case .success(let token) = result { state.token = token }
        }
        return result
    }

    /// Forgets `token` after Vipps rejected it (unless another thread already replaced it).
    func invalidate(_ token: Token) {
        state.withLock { state in
            if state.token?.value == token.value { state.token = nil }
        }
    }

    /// Seconds after which a token with `lifetime` is refreshed: a margin of a fifth of the
    /// lifetime, at most five minutes, so a request never leaves with a token about to expire.
    static func refreshAfter(_ lifetime: Int64) -> Int64 {
        let bounded = max(0, min(lifetime, 365 * 86_400))
        return bounded - min(300, bounded / 5)
    }
}
