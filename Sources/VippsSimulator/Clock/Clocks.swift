import Foundation
import Synchronization

/// The simulator's notion of "now".
///
/// Every timestamp the simulator writes (log lines, token issue and expiry) and every expiry it checks
/// goes through this protocol, so that tests and the control API (`AdjustableClock`) can move time on
/// without waiting for it (token expiry after an hour, payment timeouts after ten minutes).
public protocol SimulatorClock: Sendable {
    func now() -> Date
}

/// The wall clock; the default.
struct SystemClock: SimulatorClock {
    init() {}

    func now() -> Date { Date() }
}

/// A clock the control API can move forward (`POST /sim/v1/clock/advance`), so that a shop's tests
/// can skip over the ten-minute payment timeout, the token lifetime or the 180-day capture limit.
protocol AdjustableClock: SimulatorClock {
    func advance(by interval: TimeInterval)
}

extension ManualClock: AdjustableClock {}

/// A clock that only moves when told to: the tests' clock, so that timestamps are exact. The
/// command uses `OffsetClock`; both can be advanced through `POST /sim/v1/clock/advance`.
final class ManualClock: SimulatorClock {
    private let current: Mutex<Date>

    init(startingAt start: Date = Date()) {
        current = Mutex(start)
    }

    func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock forward (or backward, with a negative interval).
    func advance(by interval: TimeInterval) {
        current.withLock { $0 += interval }
    }
}

/// The wall clock plus however far the control API has moved it: the `vipps-sim` command's clock.
/// Time keeps running, as a real user's would, and jumps only when told to.
public final class OffsetClock: AdjustableClock {
    private let offset = Mutex<TimeInterval>(0)

    public init() {}

    public func now() -> Date {
        Date().addingTimeInterval(offset.withLock { $0 })
    }

    func advance(by interval: TimeInterval) {
        offset.withLock { $0 += interval }
    }

    /// How far the clock has been moved: kept in the state file, so that a restart does not make
    /// simulated time (and the logs written on it) run backwards.
    var movedBy: TimeInterval {
        offset.withLock { $0 }
    }

    /// Restores `movedBy` from the state file.
    func setMovedBy(_ interval: TimeInterval) {
        offset.withLock { $0 = interval }
    }
}
