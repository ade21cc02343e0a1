/// The contents of the state file (`--state-file`), version 1: everything a restart must keep so that a
/// shop's orders still exist afterwards. Access tokens are left out (clients fetch new ones, as they
/// must anyway when a token expires), and so are faults and the recorded calls to the shop, which
/// belong to one test run.
struct StoredState: Codable, Equatable, Sendable {
    /// Raised whenever the format changes in a way an older simulator could misread.
    static let currentVersion = 1

    var version = StoredState.currentVersion
    /// `OffsetClock.movedBy`: how far the control API had moved the clock (0 for other clocks).
    var clockOffsetSeconds: Double
    /// Settings per sales unit (MSN).
    var merchants: [String: MerchantSettings]
    /// Capture, refund and cancel requests counted per orderId.
    var requestCounts: [String: RequestCounts]
    /// Oldest first, as the control API lists them.
    var payments: [StoredPayment]
}
