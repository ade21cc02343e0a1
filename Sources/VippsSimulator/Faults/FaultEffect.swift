/// What one fault does to one request: its kind and that kind's parameters (the others are `nil`).
public struct FaultEffect: Sendable, Equatable, Encodable {
    public var kind: FaultKind
    /// HTTP status of `error-before`, `error-after` and `respond`.
    public var status: Int?
    /// Raw body of `respond`.
    public var body: String?
    /// Content type of `respond`; the API's JSON type when not given.
    public var contentType: String?
    /// Wait of `latency`, in real milliseconds: the client's read timeout runs on the wall clock, not
    /// on the simulator clock.
    public var delayMs: Int?
    /// `Retry-After` seconds of `rate-limit`.
    public var retryAfter: Int?
}
