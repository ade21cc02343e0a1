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
