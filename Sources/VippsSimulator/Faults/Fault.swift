/// A fault waiting for requests: which requests it hits (endpoint, optional orderId), what it does,
/// and how many more it will hit before it is used up.
///
/// Encoded flat, as the control API shows it:
/// `{"id":1,"endpoint":"capture","orderId":"o-1","kind":"error-after","status":500,"remaining":1}`.
public struct Fault: Sendable, Equatable, Encodable {
    public let id: Int
    public let endpoint: FaultEndpoint
    public let orderId: String?
    public let effect: FaultEffect
    public var remaining: Int

    func matches(_ target: RequestTarget) -> Bool {
        endpoint.matches(target.endpoint) && (orderId == nil || orderId == target.orderId)
    }

    private enum CodingKeys: String, CodingKey {
        case id, endpoint, orderId, remaining
    }

    public func encode(to encoder: any Encoder) throws {
        try effect.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(endpoint, forKey: .endpoint)
        try container.encodeIfPresent(orderId, forKey: .orderId)
        try container.encode(remaining, forKey: .remaining)
    }
}
