/// A validated capture or refund request (`PaymentActionsRequest` plus its `X-Request-Id`).
public struct PaymentAction: Sendable, Equatable, Codable {
    public var merchantSerialNumber: String
    /// `nil` means "everything that remains": the guide's full capture (and, by analogy, full refund)
    /// is an omitted, `null` or `0` amount (reference §4.2, §4.4, §15.2).
    public var amount: Int?
    public var transactionText: String
    /// The idempotency key; never empty for capture and refund.
    public var requestId: String

    /// Whether `other` is "the same request" for an idempotent retry: the same amount and text. The
    /// meaning is compared, not the bytes, so a client that re-serializes its JSON with other key
    /// order or spacing is still retrying — and `0`, `null` and an omitted amount all mean "all".
    func isSameRequest(as other: PaymentAction) -> Bool {
        amount == other.amount && transactionText == other.transactionText
    }
}
