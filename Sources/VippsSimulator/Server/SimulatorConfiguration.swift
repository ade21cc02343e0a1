import Foundation

/// Everything the simulator needs to start. The command line fills it in; tests build it directly.
public struct SimulatorConfiguration: Sendable {
    /// The address to bind to: a host name or an IPv4/IPv6 literal.
    var host: String
    /// The port to bind to; 0 lets the system pick a free one.
    var port: Int
    /// HTTPS with a certificate from the local CA (the default), or plain HTTP.
    var usesTLS: Bool
    /// Where the local CA (`ca.pem`, `ca-key.pem`) lives; created when missing.
    var stateDirectory: URL
    /// Where payments, settings, request counts and the clock offset are kept across restarts; nil
    /// keeps them in memory only. Loaded by `makeApplication`.
    var stateFile: URL?
    var credentials: SimulatorCredentials
    /// The sales units (MSNs) these credentials may act for. The first one is the default.
    var merchantSerialNumbers: [String]
    /// MobilePay sales units: the MSNs (among `merchantSerialNumbers`) of Denmark and Finland, whose
    /// ePayment currency is DKK or EUR. The others are Norwegian (NOK).
    public var markets: [String: Market] = [:]
    /// Lifetime of issued access tokens (the test environment's is one hour).
    var tokenLifetime: TimeInterval
    /// Whether the per-order rate limits of docs/ecom-v2.md#rate-limits apply from the start (see `RateLimiter`).
    /// The control API can switch them later.
    var rateLimits: Bool
    var clock: any SimulatorClock
    /// Extra attempts for a failed call to the shop. Vipps makes one (docs/ecom-v2.md#payment-update-callback); more
    /// are for testing a shop's handling of repeated callbacks.
    var callbackRetries: Int
    /// Accept capture and refund amounts of 1–99 øre, which Vipps refuses (its minimum is 100).
    public var allowSmallAmounts = false
    /// How webhooks are delivered from the start (the control API can change it later).
    var webhooks = WebhookSettings()
    /// Receives one line per request. Never receives header values or bodies.
    var requestLog: @Sendable (String) -> Void

    public init(
        host: String = "127.0.0.1",
        port: Int = 8443,
        usesTLS: Bool = true,
        stateDirectory: URL = URL(fileURLWithPath: ".vipps-sim"),
        stateFile: URL? = nil,
        credentials: SimulatorCredentials = .defaults,
        merchantSerialNumbers: [String] = [SimulatorConfiguration.defaultMerchantSerialNumber],
        tokenLifetime: TimeInterval = 3600,
        rateLimits: Bool = false,
        clock: any SimulatorClock = OffsetClock(),
        callbackRetries: Int = 0,
        requestLog: @escaping @Sendable (String) -> Void = StandardError.writeLine
    ) {
        self.host = host
        self.port = port
        self.usesTLS = usesTLS
        self.stateDirectory = stateDirectory
        self.stateFile = stateFile
        self.credentials = credentials
        self.merchantSerialNumbers = merchantSerialNumbers
        self.tokenLifetime = tokenLifetime
        self.rateLimits = rateLimits
        self.clock = clock
        self.callbackRetries = callbackRetries
        self.requestLog = requestLog
    }

    public static let defaultMerchantSerialNumber = "123456"
}

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

/// Line-oriented writing to stderr, where the simulator's request log goes (stdout is reserved for
/// the two start-up lines that scripts parse).
public enum StandardError {
    @Sendable public static func writeLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
