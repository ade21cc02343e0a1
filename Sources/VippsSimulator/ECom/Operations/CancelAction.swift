/// A validated cancel request (`CancelPaymentActionRequest`).
public struct CancelAction: Sendable, Equatable {
    public var merchantSerialNumber: String
    public var transactionText: String
    /// Opt-in (April 2022) to release the uncaptured remainder after a partial capture (reference §4.3).
    public var shouldReleaseRemainingFunds: Bool
    /// Cancel takes no `X-Request-Id` in the spec, but older clients send one on every call; when they
    /// do it is kept on the log line, as for capture and refund. "" otherwise.
    public var requestId: String
}
