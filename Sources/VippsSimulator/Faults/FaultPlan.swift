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
