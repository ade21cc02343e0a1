/// The simulator's version: sent in the `Vipps-Sim-Version` header on every response, reported by
/// `/sim/v1/health` and printed in the start-up line.
public enum SimulatorVersion {
    public static let current = "0.2.0"
}
