/// Random mode while active: each request it matches is hit with `probability`, by a kind picked
/// uniformly from `kinds`. The dice come from a generator seeded with `seed` and are rolled once per
/// matching request in arrival order, so the same seed and the same sequence of requests give the
/// same faults (concurrent requests arrive in no fixed order, of course).
struct RandomFaults: Sendable, Encodable {
    let seed: UInt64
    let probability: Double
    let kinds: [FaultKind]
    let endpoints: [FaultEndpoint]
    let orderId: String?
    /// How many faults it has injected.
    private(set) var injected = 0
    /// At most this many faults in all; `nil` for no limit.
    let limit: Int?
    private let effects: [FaultKind: FaultEffect]
    private var generator: SplitMix64

    init(
        seed: UInt64,
        probability: Double,
        kinds: [FaultKind],
        endpoints: [FaultEndpoint],
        orderId: String?,
        effects: [FaultKind: FaultEffect],
        limit: Int?
    ) {
        self.seed = seed
        self.probability = probability
        self.kinds = kinds
        self.endpoints = endpoints
        self.orderId = orderId
        self.effects = effects
        self.limit = limit
        generator = SplitMix64(seed: seed)
    }

    /// The fault for this request, if the dice say so.
    mutating func roll(for target: RequestTarget) -> FaultEffect? {
        guard endpoints.contains(where: { $0.matches(target.endpoint) }), orderId == nil || orderId == target.orderId
        else {
            return nil
        }
        if let limit, injected >= limit { return nil }
        guard generator.unitInterval() < probability else { return nil }
        let kind = kinds[generator.index(below: kinds.count)]
        injected += 1
        return effects[kind]
    }

    /// Shown with the request's own names (`count` for the limit), plus `injected`.
    private enum CodingKeys: String, CodingKey {
        case seed, probability, kinds, endpoints, orderId, injected
        case limit = "count"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seed, forKey: .seed)
        try container.encode(probability, forKey: .probability)
        try container.encode(kinds, forKey: .kinds)
        try container.encode(endpoints, forKey: .endpoints)
        try container.encodeIfPresent(orderId, forKey: .orderId)
        try container.encode(injected, forKey: .injected)
        try container.encodeIfPresent(limit, forKey: .limit)
    }
}

/// SplitMix64, a small seeded generator, for random faults that repeat exactly for the same seed.
///
/// The stdlib's `random(in:using:)` conversions are not promised to stay the same across Swift
/// versions, so the fault dice (`unitInterval`, `index(below:)`) are computed here from the raw bits.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func unitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform enough in 0..<count for picking among a handful of kinds.
    mutating func index(below count: Int) -> Int {
        Int(next() % UInt64(count))
    }
}
