/// A validated capture or refund request (`PaymentActionsRequest` plus its `X-Request-Id`).
struct PaymentAction: Sendable, Equatable, Codable {
    var merchantSerialNumber: String
    /// `nil` means "everything that remains": the guide's full capture (and, by analogy, full refund)
    /// is an omitted, `null` or `0` amount (docs/ecom-v2.md#capture, #refund, #full-capture-or-refund).
    var amount: Int?
    var transactionText: String
    /// The idempotency key; never empty for capture and refund.
    var requestId: String

    /// Whether `other` is "the same request" for an idempotent retry: the same amount and text. The
    /// meaning is compared, not the bytes, so a client that re-serializes its JSON with other key
    /// order or spacing is still retrying — and `0`, `null` and an omitted amount all mean "all".
    func isSameRequest(as other: PaymentAction) -> Bool {
        amount == other.amount && transactionText == other.transactionText
    }
}

/// A validated cancel request (`CancelPaymentActionRequest`).
struct CancelAction: Sendable, Equatable {
    var merchantSerialNumber: String
    var transactionText: String
    /// Opt-in (April 2022) to release the uncaptured remainder after a partial capture (docs/ecom-v2.md#cancel).
    var shouldReleaseRemainingFunds: Bool
    /// Cancel takes no `X-Request-Id` in the spec, but older clients send one on every call; when they
    /// do it is kept on the log line, as for capture and refund. "" otherwise.
    var requestId: String
}

/// The result of a capture, refund or cancel: the payment afterwards and the log line that answers
/// the request (for an idempotent retry, the line written the first time).
struct OperationOutcome: Sendable, Equatable {
    let payment: Payment
    let entry: TransactionLogEntry
    /// True when this was an idempotent retry that changed nothing.
    let isReplay: Bool
}

/// The scope of an `X-Request-Id` within one payment: "unique for orderId, merchantSerialNumber and
/// endpoint" (docs/ecom-v2.md#idempotency). The payment itself supplies the MSN and orderId, so the same id may be
/// used again on another order, or on refund after capture.
struct IdempotencyKey: Hashable, Sendable, Codable {
    /// `.capture` or `.refund`: the endpoint.
    var operation: TransactionOperation
    var requestId: String
}

/// What a successful capture or refund did, kept under its idempotency key so that a retry gets the
/// same answer instead of a second operation.
struct IdempotentResult: Sendable, Equatable, Codable {
    /// The request as first made, to tell a retry (same request) from a misuse of the key (VippsError 93).
    let action: PaymentAction
    /// The log line it wrote; a retry answers with it again.
    let entry: TransactionLogEntry
}
