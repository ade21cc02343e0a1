import VippsHTTP

/// Which Vipps to talk to.
public enum VippsEnvironment: Sendable, Equatable {
    /// The merchant test environment (MT): https://apitest.vipps.no
    case test
    /// Real money: https://api.vipps.no
    case production
    /// Any other base URL, such as a local vipps-sim. `http://` is allowed only here, and only
    /// because the caller wrote it explicitly.
    case custom(baseURL: String)

    public var baseURL: String {
        switch self {
        case .test: return "https://apitest.vipps.no"
        case .production: return "https://api.vipps.no"
        case .custom(let url): return url
        }
    }

    /// A base URL the caller chose (a simulator, a proxy), not one of Vipps' own environments.
    public var isCustom: Bool {
        if case .custom = self { return true }
        return false
    }

    /// The integration-test endpoints (force approve) exist in MT and in simulators only.
    public var allowsTestOperations: Bool { self != .production }

    /// The base URL parsed; production must use https.
    public func validatedEndpoint() throws(VippsError) -> HTTPEndpoint {
        let endpoint = try Validation.baseURL(baseURL)
        if case .production = self, endpoint.scheme != .https {
            throw .invalidArgument("base_url", "production requires https")
        }
        return endpoint
    }
}

/// Which of Vipps' payment APIs a client speaks. The merchant-facing operations (initiate,
/// details, wait, capture, refund, cancel, force approve) are the same on both; an ePayment
/// client also reads and modifies payments that were initiated on eCom.
public enum PaymentAPI: Int32, Sendable, CaseIterable {
    /// eCom v2 (Norway only, legacy).
    case ecom = 0
    /// ePayment v1: Vipps and MobilePay, NOK, DKK and EUR.
    case ePayment = 1
}

/// The names sent in the Vipps-System-* headers (Vipps asks plugins and platforms to send them).
public struct SystemInfo: Sendable, Equatable {
    public var systemName: String
    public var systemVersion: String
    public var pluginName: String
    public var pluginVersion: String

    public init(
        systemName: String = "libvipps", systemVersion: String = LibraryVersion.string,
        pluginName: String = "libvipps", pluginVersion: String = LibraryVersion.string
    ) {
        self.systemName = systemName
        self.systemVersion = systemVersion
        self.pluginName = pluginName
        self.pluginVersion = pluginVersion
    }

    /// Vipps limits each Vipps-System-* header to 30 characters.
    public func validate() throws(VippsError) {
        for (field, value) in [
            ("system_name", systemName), ("system_version", systemVersion),
            ("plugin_name", pluginName), ("plugin_version", pluginVersion),
        ] {
            try Validation.headerText(value, field: field, maxLength: 30)
        }
    }
}

/// Everything a client needs; checked once by `validated()` before a client is made.
public struct ClientConfiguration: Sendable {
    public var environment: VippsEnvironment = .test
    public var clientId: String?
    public var clientSecret: String?
    public var subscriptionKey: String?
    public var merchantSerialNumber: String?
    public var systemInfo = SystemInfo()
    public var connectTimeoutMilliseconds: Int64 = 5_000
    /// Vipps recommends at least 5 s; a slow bank behind Vipps can take that long.
    public var readTimeoutMilliseconds: Int64 = 10_000
    public var totalTimeoutMilliseconds: Int64 = 30_000
    /// PEM file of CAs to trust instead of the system store (for example vipps-sim's CA).
    public var caFile: String?
    public var retryPolicy = RetryPolicy()
    /// Where log lines go; nil logs nothing.
    public var logSink: LogSink?
    /// Polling of `waitForUserOutcome`: Vipps asks to start after 5 s and then poll every 2 s.
    public var pollInitialDelayMilliseconds: Int64 = 5_000
    public var pollIntervalMilliseconds: Int64 = 2_000
    public var api = PaymentAPI.ecom
    /// Where the access token is shared with other processes and hosts (nil: not shared).
    public var tokenStore: (any SharedTokenStore)?

    public init() {}

    public static func checkMerchantSerialNumber(_ value: String) throws(VippsError) {
        try Validation.merchantSerialNumber(value)
    }

    public func checkTimeouts() throws(VippsError) {
        for (field, value) in [
            ("connect_timeout_ms", connectTimeoutMilliseconds),
            ("read_timeout_ms", readTimeoutMilliseconds),
            ("total_timeout_ms", totalTimeoutMilliseconds),
        ] {
            guard value > 0, value <= 3_600_000 else {
                throw .invalidArgument(field, "must be between 1 and 3600000 milliseconds")
            }
        }
    }

    public func checkPolling() throws(VippsError) {
        guard pollInitialDelayMilliseconds >= 0, pollInitialDelayMilliseconds <= 600_000 else {
            throw .invalidArgument("poll_initial_delay_ms", "must be 0 to 600000")
        }
        guard pollIntervalMilliseconds >= 100, pollIntervalMilliseconds <= 600_000 else {
            throw .invalidArgument("poll_interval_ms", "must be 100 to 600000")
        }
    }

    /// The credentials and settings in the form the client uses, or the first problem found.
    func validated() throws(VippsError) -> ValidatedConfiguration {
        guard let clientId, !clientId.isEmpty else { throw .invalidArgument("client_id", "is required") }
        guard let clientSecret, !clientSecret.isEmpty else { throw .invalidArgument("client_secret", "is required") }
        guard let subscriptionKey, !subscriptionKey.isEmpty else {
            throw .invalidArgument("subscription_key", "is required")
        }
        guard let merchantSerialNumber else { throw .invalidArgument("merchant_serial_number", "is required") }
        try Self.checkMerchantSerialNumber(merchantSerialNumber)
        for (field, value) in [
            ("client_id", clientId), ("client_secret", clientSecret),
            ("subscription_key", subscriptionKey),
        ] {
            // These travel as header values: a control character would corrupt the request.
            guard value.utf8.count <= 4096, value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else {
                throw .invalidArgument(field, "contains control characters or is too long")
            }
        }
        try systemInfo.validate()
        try checkTimeouts()
        try retryPolicy.check()
        try checkPolling()
        let endpoint = try environment.validatedEndpoint()
        // Every log line passes the scrubber: a server may echo a secret where no key masks it.
        let scrubber = SecretScrubber([clientSecret, subscriptionKey])
        return ValidatedConfiguration(
            environment: environment, endpoint: endpoint,
            credentials: Credentials(clientId: clientId, clientSecret: clientSecret, subscriptionKey: subscriptionKey),
            merchantSerialNumber: merchantSerialNumber, systemInfo: systemInfo,
            timeouts: .init(
                connectMilliseconds: connectTimeoutMilliseconds,
                readMilliseconds: readTimeoutMilliseconds,
                totalMilliseconds: totalTimeoutMilliseconds),
            caFile: caFile, retryPolicy: retryPolicy, logSink: logSink?.scrubbing(with: scrubber), scrubber: scrubber,
            pollInitialDelayMilliseconds: pollInitialDelayMilliseconds,
            pollIntervalMilliseconds: pollIntervalMilliseconds, api: api)
    }
}

/// The API keys. Kept apart so that nothing prints them by accident: no description, no Equatable.
struct Credentials: Sendable, CustomStringConvertible {
    let clientId: String
    let clientSecret: String
    let subscriptionKey: String
    var description: String { "Credentials(redacted)" }
}

struct ValidatedConfiguration: Sendable {
    let environment: VippsEnvironment
    let endpoint: HTTPEndpoint
    let credentials: Credentials
    let merchantSerialNumber: String
    let systemInfo: SystemInfo
    let timeouts: HTTPTimeouts
    let caFile: String?
    let retryPolicy: RetryPolicy
    let logSink: LogSink?
    /// Removes the secrets' values from errors and log lines (see SecretScrubber).
    let scrubber: SecretScrubber
    let pollInitialDelayMilliseconds: Int64
    let pollIntervalMilliseconds: Int64
    let api: PaymentAPI
}
