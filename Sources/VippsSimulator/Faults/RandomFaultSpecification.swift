/// Random ("chaos") mode as `POST /sim/v1/faults/random` takes it:
/// `{"seed":42,"probability":0.1,"kinds":["error-after","drop-after"],"endpoints":["capture","refund"]}`,
/// plus the kinds' parameters (`status`, `delayMs`, `retryAfter`, `body`, `contentType`), an optional
/// `orderId` filter and an optional `count` (at most that many faults, then it stops).
struct RandomFaultSpecification: Decodable {
    var seed: UInt64?
    var probability: Double?
    var kinds: [String]?
    var endpoints: [String]?
    var orderId: String?
    var status: Int?
    var body: String?
    var contentType: String?
    var delayMs: Int?
    var retryAfter: Int?
    var count: Int?

    /// Every kind that needs no parameters: `respond` only when asked for, as it needs a body.
    static let defaultKinds: [FaultKind] = [.errorBefore, .errorAfter, .dropBefore, .dropAfter, .latency, .rateLimit]

    func validated() throws(ControlAPIError) -> RandomFaults {
        guard let seed else {
            throw .badRequest("seed is required (a non-negative integer): the same seed gives the same faults.")
        }
        guard let probability, (0...1).contains(probability) else {
            throw .badRequest("probability is required, from 0 to 1.")
        }
        var kinds: [FaultKind] = Self.defaultKinds
        if let names = self.kinds {
            guard !names.isEmpty else { throw .badRequest("kinds must not be empty; leave it out for all of them.") }
            kinds = []
            for name in names { kinds.append(try FaultSpecification.kind(name)) }
        }
        var endpoints: [FaultEndpoint] = [.any]
        if let names = self.endpoints {
            guard !names.isEmpty else { throw .badRequest("endpoints must not be empty; leave it out for any.") }
            endpoints = []
            for name in names { endpoints.append(try FaultSpecification.endpoint(name)) }
        }
        try FaultSpecification.check(orderId: orderId, endpoints: endpoints)
        if let count, count < 1 { throw .badRequest("count must be at least 1; leave it out for no limit.") }
        var effects: [FaultKind: FaultEffect] = [:]
        for kind in kinds {
            effects[kind] = try FaultSpecification.effect(
                kind: kind, status: status, body: body, contentType: contentType, delayMs: delayMs,
                retryAfter: retryAfter
            )
        }
        return RandomFaults(
            seed: seed, probability: probability, kinds: kinds, endpoints: endpoints, orderId: orderId,
            effects: effects, limit: count
        )
    }
}
