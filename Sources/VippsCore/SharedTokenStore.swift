import Glibc
import VippsHTTP

/// What a shared token store found under a key.
public enum SharedTokenLoad: Sendable, Equatable {
    /// A token, usable for this many more milliseconds.
    case found(token: String, validForMilliseconds: Int64)
    case missing
    /// The store could not be read: the client fetches its own token.
    case failed
}

/// The answer to a claim: the right to fetch the next token for a key, for a while.
public enum SharedTokenClaim: Sendable, Equatable {
    case claimed
    /// Another process holds an unexpired claim: wait for the token it will store.
    case busy
    case failed
}

/// A place where the processes of one host (a file) or of many hosts (Redis) keep one access
/// token per key, so that they fetch one token per lifetime between them
/// (docs/token-sharing.md#protocol). Every call may block on I/O, so the client calls them with
/// no lock held. A store that fails never fails a payment call: the client then fetches its own
/// token, as without a store.
public protocol SharedTokenStore: Sendable {
    func load(key: String) -> SharedTokenLoad
    /// Keeps `token` under `key` for `validForMilliseconds` and ends a claim on `key`.
    func store(key: String, token: String, validForMilliseconds: Int64) -> Bool
    /// Succeeds when no unexpired claim is held on `key`; the new claim expires after
    /// `forMilliseconds` (a fetcher that dies must not block the others for longer).
    func claim(key: String, forMilliseconds: Int64) -> SharedTokenClaim
    /// Deletes the token under `key` if it is `token` (Vipps refused it); a newer one stays.
    func remove(key: String, ifToken token: String)
}

/// Milliseconds since 1970 on the wall clock: what the file store writes, so that every process
/// reads the same expiry.
func wallClockMilliseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) &* 1_000 &+ Int64(now.tv_nsec / 1_000_000)
}

extension VippsClient {
    /// The key of this client's token in a shared store: a digest of what the token is for (the
    /// base URL, the API keys, the sales unit), so that clients of different merchants or
    /// environments never share a token and the key reveals none of the secrets. The API
    /// (eCom, ePayment) is left out: one token serves both.
    static func sharedTokenKey(_ configuration: ValidatedConfiguration) -> String {
        var material: [UInt8] = Array("libvipps access token v1".utf8)
        for part in [
            configuration.environment.baseURL, configuration.credentials.clientId,
            configuration.credentials.clientSecret, configuration.credentials.subscriptionKey,
            configuration.merchantSerialNumber,
        ] {
            material.append(0)
            material.append(contentsOf: part.utf8)
        }
        return "vipps-token-" + Digest.sha256Hex(material)
    }

    /// A token from the shared store, or fetched by this process after it claimed the key (and
    /// then stored). Returns the token and how long to use it, in milliseconds. Runs inside the
    /// single flight of `AccessTokenProvider`, with no lock held.
    func sharedAccessToken(
        _ store: any SharedTokenStore, deadline: MonotonicInstant, log lines: inout [(LogLevel, String)]
    ) throws(VippsError) -> (String, Int64) {
        let key = tokenStoreKey
        var waited = false
        while true {
            switch store.load(key: key) {
            case .found(let token, let validFor) where validFor > 0 && Self.usableToken(token):
                configuration.scrubber.rememberToken(token)
                if configuration.logSink?.enabled(.debug) == true {
                    lines.append((.debug, "access token from the shared token store"))
                }
                return (token, validFor)
            case .failed:
                lines.append((.warning, "the shared token store could not be read; fetching a token for this client"))
                return try fetchOwnToken(deadline: deadline, log: &lines)
            default:
                break
            }
            let remaining = MonotonicInstant.now().milliseconds(until: deadline)
            // The claim lasts as long as a fetch may: past that, the fetcher is presumed dead.
            let claimFor = max(1, min(remaining, configuration.timeouts.totalMilliseconds))
            switch store.claim(key: key, forMilliseconds: claimFor) {
            case .claimed:
                // A store whose claim cannot see tokens (a plain SET NX) may grant one just after
                // another process stored its token: look once more before fetching.
                if case .found(let token, let validFor) = store.load(key: key), validFor > 0, Self.usableToken(token) {
                    configuration.scrubber.rememberToken(token)
                    // Storing the same token ends the needless claim: left to expire, it would
                    // hold up every process after the next 401 until it did.
                    _ = store.store(key: key, token: token, validForMilliseconds: validFor)
                    return (token, validFor)
                }
                let (token, lifetime) = try fetchAccessToken(deadline: deadline, log: &lines)
                let useFor = AccessTokenProvider.refreshAfter(lifetime) * 1_000
                if !store.store(key: key, token: token, validForMilliseconds: useFor) {
                    lines.append((.warning, "the shared token store did not keep the new access token"))
                }
                return (token, useFor)
            case .failed:
                lines.append((.warning, "the shared token store refused a claim; fetching a token for this client"))
                return try fetchOwnToken(deadline: deadline, log: &lines)
            case .busy:
                guard remaining > 0 else {
                    throw VippsError(
                        .timeout, "the call's deadline passed while another process fetched the access token",
                        isRetryable: true)
                }
                if !waited, configuration.logSink?.enabled(.debug) == true {
                    lines.append((.debug, "another process is fetching the access token; waiting for it"))
                }
                waited = true
                sleepMilliseconds(min(remaining, 10))
            }
        }
    }

    private func fetchOwnToken(
        deadline: MonotonicInstant, log lines: inout [(LogLevel, String)]
    ) throws(VippsError) -> (String, Int64) {
        let (token, lifetime) = try fetchAccessToken(deadline: deadline, log: &lines)
        return (token, AccessTokenProvider.refreshAfter(lifetime) * 1_000)
    }

    /// A stored token goes into a header: the same rule as for one Vipps sent.
    private static func usableToken(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.count <= 16_384 && token.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
