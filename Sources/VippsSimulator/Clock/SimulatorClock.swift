import Foundation

/// The simulator's notion of "now".
///
/// Every timestamp the simulator writes (log lines, token issue and expiry) and every expiry it checks
/// goes through this protocol, so that tests and the control API (`AdjustableClock`) can move time on
/// without waiting for it (token expiry after an hour, payment timeouts after ten minutes).
public protocol SimulatorClock: Sendable {
    func now() -> Date
}
