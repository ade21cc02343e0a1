import Foundation
import Synchronization

/// A clock that only moves when told to. Tests use it to expire tokens; the control API will use it
/// to let a shop's test suite skip over the user-side timeouts.
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
