import Foundation
import Hummingbird
import HummingbirdTLS

/// The simulator: its state, its routes and the server around them. The `vipps-sim` command and the
/// tests both start it through this type.
public struct VippsSimulator: Sendable {
    let configuration: SimulatorConfiguration
    public let store: PaymentStore
    let accessTokens: AccessTokens
    let rateLimiter: RateLimiter
    let faults: FaultInjector
    let publicBaseURL: PublicBaseURL
    /// Every call to the shop (callbacks, shipping details, consent removal), recorded.
    let shopCaller: ShopCaller
    /// Webhook registrations and the delivery of every ePayment event to them.
    let webhooks: WebhookDispatcher
    /// The test users whose profiles Userinfo hands out.
    let users: TestUsers

    public init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        store = PaymentStore(
            merchantSerialNumbers: configuration.merchantSerialNumbers, markets: configuration.markets,
            clock: configuration.clock)
        accessTokens = AccessTokens(clock: configuration.clock)
        rateLimiter = RateLimiter(isEnabled: configuration.rateLimits, clock: configuration.clock)
        faults = FaultInjector()
        shopCaller = ShopCaller(clock: configuration.clock, retries: configuration.callbackRetries)
        webhooks = WebhookDispatcher(store: store, settings: configuration.webhooks)
        users = TestUsers()
        publicBaseURL = PublicBaseURL(
            PublicBaseURL.make(usesTLS: configuration.usesTLS, host: configuration.host, port: configuration.port)
        )
    }

    /// The whole request handling, without a server: routes wrapped in `SimulatorResponder`.
    func makeResponder() -> SimulatorResponder<RouterResponder<SimulatorRequestContext>> {
        let router = Router(context: SimulatorRequestContext.self)
        let callbacks = PaymentCallbacks(caller: shopCaller)
        let expiry = PaymentExpiry(store: store, callbacks: callbacks)
        router.add(middleware: UnknownRouteMiddleware())
        router.add(middleware: PaymentExpiry.Middleware(expiry: expiry))

        AccessTokenRoutes(
            credentials: configuration.credentials, tokenLifetime: configuration.tokenLifetime, tokens: accessTokens
        )
        .add(to: router)
        EComRoutes(
            store: store,
            tokens: accessTokens,
            subscriptionKey: configuration.credentials.subscriptionKey,
            rateLimiter: rateLimiter,
            publicBaseURL: publicBaseURL,
            callbacks: callbacks,
            allowSmallAmounts: configuration.allowSmallAmounts
        ).add(to: router)

        EPaymentRoutes(
            store: store,
            tokens: accessTokens,
            subscriptionKey: configuration.credentials.subscriptionKey,
            publicBaseURL: publicBaseURL,
            rateLimiter: rateLimiter,
            customerTokens: CustomerTokens()
        ).add(to: router)

        WebhookRoutes(
            dispatcher: webhooks, store: store, tokens: accessTokens,
            subscriptionKey: configuration.credentials.subscriptionKey
        ).add(to: router)
        UserinfoRoutes(
            store: store, users: users, tokens: accessTokens, subscriptionKey: configuration.credentials.subscriptionKey
        ).add(to: router)

        ControlRoutes(
            store: store, tokens: accessTokens, rateLimiter: rateLimiter, faults: faults, callbacks: callbacks,
            expiry: expiry, webhooks: webhooks, users: users
        )
        .add(to: router)
        UserSideRoutes(store: store, callbacks: callbacks, shopCaller: shopCaller).add(to: router)
        DashboardRoutes(store: store, shopCalls: shopCaller.log, webhooks: webhooks, faults: faults, expiry: expiry)
            .add(to: router)

        return SimulatorResponder(
            router: router.buildResponder(), store: store, faults: faults, log: configuration.requestLog)
    }

    /// The Hummingbird application: HTTPS with a certificate from the local CA (created in the state
    /// directory when missing) unless the configuration says plain HTTP. With a state file, the store
    /// is loaded from it first; an unreadable or corrupt one throws a `StateFileError`.
    ///
    /// - Parameter onListening: called once the server is bound, with the real port.
    public func makeApplication(
        onListening: @escaping @Sendable (ListeningAddress) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        // Here rather than in init: loading can fail, and a server must not start on a state it
        // could not read (it would overwrite the file with an empty one on the first change).
        if let stateFile = configuration.stateFile {
            try store.restore(from: StateFile(url: stateFile))
        }
        let tls =
            try configuration.usesTLS
            ? TLSSetup(stateDirectory: configuration.stateDirectory, host: configuration.host)
            : nil
        let configuration = configuration
        let publicBaseURL = publicBaseURL
        var application = Application(
            responder: makeResponder(),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0.configuration) } ?? .http1(),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let baseURL = PublicBaseURL.make(usesTLS: configuration.usesTLS, host: configuration.host, port: port)
                publicBaseURL.update(baseURL)
                await onListening(
                    ListeningAddress(baseURL: baseURL, port: port, caCertificatePath: tls?.caCertificatePath))
            }
        )
        // Hummingbird's own informational lines would only repeat the start-up banner; the simulator
        // logs requests itself (without header values).
        application.logger.logLevel = .warning
        return application
    }
}
