/// The API keys the simulator accepts. One set, as a single sales unit's keys in the test environment.
public struct SimulatorCredentials: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    public var subscriptionKey: String

    public init(clientID: String, clientSecret: String, subscriptionKey: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.subscriptionKey = subscriptionKey
    }

    /// Well-known defaults, so that a shop's test setup works without configuring anything.
    /// They are not secret: the simulator guards nothing of value.
    public static let defaults = SimulatorCredentials(
        clientID: "vipps-sim-client",
        clientSecret: "vipps-sim-secret",
        subscriptionKey: "vipps-sim-subscription-key"
    )
}
