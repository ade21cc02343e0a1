/// What an injected fault does to a request (`kind` in the control API).
public enum FaultKind: String, Sendable, Codable, CaseIterable {
    /// Answer `status` (500) with the VippsError 99 array; the operation is not applied.
    case errorBefore = "error-before"
    /// Apply the operation, then answer `status` (500) with the 99 array: the ambiguous case, where a
    /// client must find out (via `/details`, or an idempotent retry) whether it happened.
    case errorAfter = "error-after"
    /// Apply the operation, then close the connection without answering.
    case dropAfter = "drop-after"
    /// Close the connection without applying or answering.
    case dropBefore = "drop-before"
    /// Wait `delayMs`, then handle the request normally.
    case latency
    /// 429 with `Retry-After` and the VippsError 98 array; not applied.
    case rateLimit = "rate-limit"
    /// Answer exactly `status`, `body` and `contentType`; not applied. For every error shape Vipps has
    /// (gateway objects, Azure AD objects, an error array inside a 200, garbage).
    case respond
}
