/// One fault as `POST /sim/v1/faults` takes it:
/// `{"endpoint":"capture","orderId":"o-1","kind":"error-after","status":502,"count":2}`.
/// Decoded loosely and checked by `validated()`, so that every mistake gets a message naming the field.
struct FaultSpecification: Decodable {
    var endpoint: String?
    var orderId: String?
    var kind: String?
    var status: Int?
    var body: String?
    var contentType: String?
    var delayMs: Int?
    var retryAfter: Int?
    var count: Int?

    /// A checked specification: which requests, what effect, how many hits.
    typealias Validated = (endpoint: FaultEndpoint, orderId: String?, effect: FaultEffect, count: Int)

    func validated() throws(ControlAPIError) -> Validated {
        guard let endpointName = endpoint else {
            throw .badRequest("endpoint is required: one of \(FaultEndpoint.allNames.joined(separator: ", ")).")
        }
        let endpoint = try Self.endpoint(endpointName)
        guard let kindName = kind else { throw .badRequest("kind is required: one of \(Self.kindNames).") }
        let kind = try Self.kind(kindName)
        try Self.check(orderId: orderId, endpoints: [endpoint])
        let count = count ?? 1
        guard count >= 1 else { throw .badRequest("count must be at least 1.") }
        let effect = try Self.effect(
            kind: kind, status: status, body: body, contentType: contentType, delayMs: delayMs, retryAfter: retryAfter
        )
        return (endpoint, orderId, effect, count)
    }

    static var kindNames: String { FaultKind.allCases.map(\.rawValue).joined(separator: ", ") }

    static func endpoint(_ name: String) throws(ControlAPIError) -> FaultEndpoint {
        guard let endpoint = FaultEndpoint(rawValue: name) else {
            throw .badRequest(
                "Unknown endpoint '\(name)': use one of \(FaultEndpoint.allNames.joined(separator: ", ")).")
        }
        return endpoint
    }

    static func kind(_ name: String) throws(ControlAPIError) -> FaultKind {
        guard let kind = FaultKind(rawValue: name) else {
            throw .badRequest("Unknown kind '\(name)': use one of \(kindNames).")
        }
        return kind
    }

    /// Token requests carry no orderId, so a fault for them with one would never strike.
    static func check(orderId: String?, endpoints: [FaultEndpoint]) throws(ControlAPIError) {
        guard let orderId else { return }
        guard !orderId.isEmpty else {
            throw .badRequest("orderId must not be empty; leave it out to match every order.")
        }
        if endpoints.contains(.only(.token)) {
            throw .badRequest("A token fault cannot have an orderId: token requests carry none.")
        }
    }

    /// The effect with the kind's defaults filled in and the other kinds' parameters left out.
    static func effect(
        kind: FaultKind,
        status: Int?,
        body: String?,
        contentType: String?,
        delayMs: Int?,
        retryAfter: Int?
    ) throws(ControlAPIError) -> FaultEffect {
        var effect = FaultEffect(kind: kind)
        switch kind {
        case .errorBefore, .errorAfter:
            let status = status ?? 500
            guard (400...599).contains(status) else {
                throw .badRequest("status of \(kind.rawValue) must be 400 to 599.")
            }
            effect.status = status
        case .respond:
            guard let status, (200...599).contains(status) else {
                throw .badRequest("respond needs a status from 200 to 599.")
            }
            guard let body else { throw .badRequest("respond needs a body (a string, sent as it is; may be empty).") }
            effect.status = status
            effect.body = body
            effect.contentType = contentType
        case .latency:
            let delayMs = delayMs ?? 1000
            guard (0...600_000).contains(delayMs) else { throw .badRequest("delayMs must be 0 to 600000.") }
            effect.delayMs = delayMs
        case .rateLimit:
            let retryAfter = retryAfter ?? 1
            guard retryAfter >= 0 else { throw .badRequest("retryAfter must not be negative.") }
            effect.retryAfter = retryAfter
        case .dropAfter, .dropBefore:
            break
        }
        return effect
    }
}
