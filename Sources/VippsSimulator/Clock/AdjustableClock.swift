import Foundation

/// A clock the control API can move forward (`POST /sim/v1/clock/advance`), so that a shop's tests
/// can skip over the ten-minute payment timeout, the token lifetime or the 180-day capture limit.
public protocol AdjustableClock: SimulatorClock {
    func advance(by interval: TimeInterval)
}

extension ManualClock: AdjustableClock {}
