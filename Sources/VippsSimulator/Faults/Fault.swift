/// A fault waiting for requests: which requests it hits (endpoint, optional orderId), what it does,
/// and how many more it will hit before it is used up.
///
/// Encoded flat, as the control API shows it:
/// `{"id":1,"endpoint":"capture","orderId":"o-1","kind":"error-after","status":500,"remaining":1}`.
struct Fault: Sendable, Equatable, Encodable {
    let id: Int
    let endpoint: FaultEndpoint
    let orderId: String?
    let effect: FaultEffect
    var remaining: Int

    func matches(_ target: RequestTarget) -> Bool {
        endpoint.matches(target.endpoint) && (orderId == nil || orderId == target.orderId)
    }

    private enum CodingKeys: String, CodingKey {
        case id, endpoint, orderId, remaining
    }

    func encode(to encoder: any Encoder) throws {
        try effect.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(endpoint, forKey: .endpoint)
        try container.encodeIfPresent(orderId, forKey: .orderId)
        try container.encode(remaining, forKey: .remaining)
    }
}

/// What an injected fault does to a request (`kind` in the control API).
enum FaultKind: String, Sendable, Codable, CaseIterable {
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

/// What one fault does to one request: its kind and that kind's parameters (the others are `nil`).
struct FaultEffect: Sendable, Equatable, Encodable {
    var kind: FaultKind
    /// HTTP status of `error-before`, `error-after` and `respond`.
    var status: Int?
    /// Raw body of `respond`.
    var body: String?
    /// Content type of `respond`; the API's JSON type when not given.
    var contentType: String?
    /// Wait of `latency`, in real milliseconds: the client's read timeout runs on the wall clock, not
    /// on the simulator clock.
    var delayMs: Int?
    /// `Retry-After` seconds of `rate-limit`.
    var retryAfter: Int?
}

/// The faults one request gets: at most one latency, and at most one of the other kinds, which can go
/// together ("slow, then dropped").
struct FaultPlan: Sendable, Equatable {
    var latency: FaultEffect?
    var action: FaultEffect?

    static let none = FaultPlan()

    /// For the request log line, e.g. `latency,error-after`.
    var kindNames: String? {
        let names = [latency, action].compactMap { $0?.kind.rawValue }
        return names.isEmpty ? nil : names.joined(separator: ",")
    }
}
