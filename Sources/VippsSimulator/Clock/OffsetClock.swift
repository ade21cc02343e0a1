import Foundation
import Synchronization

/// The wall clock plus however far the control API has moved it: the `vipps-sim` command's clock.
/// Time keeps running, as a real user's would, and jumps only when told to.
public final class OffsetClock: AdjustableClock {
    private let offset = Mutex<TimeInterval>(0)

    public init() {}

    public func now() -> Date {
        Date().addingTimeInterval(offset.withLock { $0 })
    }

    public func advance(by interval: TimeInterval) {
        offset.withLock { $0 += interval }
    }

    /// How far the clock has been moved: kept in the state file, so that a restart does not make
    /// simulated time (and the logs written on it) run backwards.
    public var movedBy: TimeInterval {
        offset.withLock { $0 }
    }

    /// Restores `movedBy` from the state file.
    func setMovedBy(_ interval: TimeInterval) {
        offset.withLock { $0 = interval }
    }
}
