import Foundation
import Synchronization

/// A clock that only moves when told to: the tests' clock, so that timestamps are exact. The
/// command uses `OffsetClock`; both can be advanced through `POST /sim/v1/clock/advance`.
public final class ManualClock: SimulatorClock {
    private let current: Mutex<Date>

    public init(startingAt start: Date = Date()) {
        current = Mutex(start)
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock forward (or backward, with a negative interval).
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 += interval }
    }
}
