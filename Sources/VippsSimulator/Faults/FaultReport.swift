/// The body of `GET /sim/v1/faults`: the faults still waiting (used-up ones are gone), random mode
/// (`null` when off), and how many faults of each kind have been injected since the last clear.
struct FaultReport: Encodable {
    let faults: [Fault]
    let random: RandomFaults?
    /// Every kind, zeros included, so that a test can read any of them without a default.
    let injected: [String: Int]

    private enum CodingKeys: String, CodingKey {
        case faults, random, injected
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(faults, forKey: .faults)
        try container.encode(random, forKey: .random)
        try container.encode(injected, forKey: .injected)
    }
}
