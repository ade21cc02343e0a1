import Foundation

/// The wall clock; the default.
public struct SystemClock: SimulatorClock {
    public init() {}

    public func now() -> Date { Date() }
}
