import Glibc

/// A point in time on the monotonic clock, in nanoseconds. Wall-clock jumps (NTP, a user changing
/// the date) must never stretch or cut a timeout, so every deadline in the library is monotonic.
/// CLOCK_BOOTTIME rather than CLOCK_MONOTONIC: the latter stops while the machine (or VM) is
/// suspended, and a token would then look valid past its expiry.
public struct MonotonicInstant: Comparable, Sendable {
    public let nanoseconds: UInt64

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    public static func now() -> MonotonicInstant {
        var spec = timespec()
        clock_gettime(CLOCK_BOOTTIME, &spec)
        let seconds = UInt64(clamping: spec.tv_sec)
        let fraction = UInt64(clamping: spec.tv_nsec)
        return MonotonicInstant(nanoseconds: seconds &* 1_000_000_000 &+ fraction)
    }

    public func adding(milliseconds: Int64) -> MonotonicInstant {
        let delta = UInt64(clamping: max(0, milliseconds)).multipliedReportingOverflow(by: 1_000_000)
        if delta.overflow { return MonotonicInstant(nanoseconds: .max) }
        let sum = nanoseconds.addingReportingOverflow(delta.partialValue)
        return MonotonicInstant(nanoseconds: sum.overflow ? .max : sum.partialValue)
    }

    /// Milliseconds from `self` until `later`, 0 if `later` is not later.
    public func milliseconds(until later: MonotonicInstant) -> Int64 {
        guard later.nanoseconds > nanoseconds else { return 0 }
        return Int64(clamping: (later.nanoseconds - nanoseconds) / 1_000_000)
    }

    /// Nanoseconds from `self` until `later`, 0 if `later` is not later.
    public func nanoseconds(until later: MonotonicInstant) -> UInt64 {
        later.nanoseconds > nanoseconds ? later.nanoseconds - nanoseconds : 0
    }

    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}

/// How long one request may take. All values are milliseconds and must be positive.
public struct HTTPTimeouts: Sendable, Equatable {
    /// Budget for TCP connect plus the TLS handshake of a new connection.
    public var connectMilliseconds: Int64
    /// Longest silence allowed while waiting for the peer (between bytes, not for the whole body).
    public var readMilliseconds: Int64
    /// Budget for the whole request: connect, send, and the complete response.
    public var totalMilliseconds: Int64

    public init(connectMilliseconds: Int64, readMilliseconds: Int64, totalMilliseconds: Int64) {
        self.connectMilliseconds = connectMilliseconds
        self.readMilliseconds = readMilliseconds
        self.totalMilliseconds = totalMilliseconds
    }

    /// Vipps asks clients for a connect timeout of at least 1 s and a read timeout of at least 5 s.
    public static let vippsDefaults = HTTPTimeouts(
        connectMilliseconds: 5_000, readMilliseconds: 10_000, totalMilliseconds: 30_000)
}

/// The deadlines of one request in flight, derived from `HTTPTimeouts` when it starts.
struct RequestDeadlines {
    let timeouts: HTTPTimeouts
    let total: MonotonicInstant

    init(timeouts: HTTPTimeouts, start: MonotonicInstant = .now()) {
        self.timeouts = timeouts
        self.total = start.adding(milliseconds: timeouts.totalMilliseconds)
    }

    /// The instant by which the next connect must finish.
    func connectDeadline() -> MonotonicInstant {
        min(MonotonicInstant.now().adding(milliseconds: timeouts.connectMilliseconds), total)
    }

    /// The instant by which the next byte must arrive (or be accepted by the peer).
    func ioDeadline() -> MonotonicInstant {
        min(MonotonicInstant.now().adding(milliseconds: timeouts.readMilliseconds), total)
    }

    func totalExpired() -> Bool { MonotonicInstant.now() >= total }
}
