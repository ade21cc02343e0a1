import Hummingbird

/// The simulator's own control API under `/sim/v1`, for test harnesses on the same machine. It has no
/// Vipps authentication: the simulator is a loopback tool that guards nothing of value. Errors are
/// `{"error":"…"}` (`ControlAPIError`). Faults are in `FaultControlRoutes`, single payments in
/// `PaymentControlRoutes`, the clock in `ClockControlRoutes`, calls to the shop in `CallbackControlRoutes`.
struct ControlRoutes {
    let store: PaymentStore
    let tokens: AccessTokens
    let rateLimiter: RateLimiter
    let faults: FaultInjector
    let callbacks: PaymentCallbacks
    let expiry: PaymentExpiry
    let webhooks: WebhookDispatcher
    let users: TestUsers

    private struct Health: Encodable {
        let status = "ok"
        let version = SimulatorVersion.current
    }

    private struct PaymentList: Encodable {
        let payments: [SimulatedPaymentView]
    }

    private struct Done: Encodable {
        let status = "ok"
    }

    private struct TokenCounts: Encodable {
        let issued: Int
        let valid: Int
    }

    func add(to router: Router<SimulatorRequestContext>) {
        let group = router.group("sim/v1")
        group.get("health") { _, _ in try JSONResponse.make(Health()) }
        group.get("payments") { _, _ in
            try JSONResponse.make(PaymentList(payments: store.allPayments().map(SimulatedPaymentView.init)))
        }
        // A clean slate for the next test: payments, tokens, request counts, faults, rate-limit
        // windows, recorded calls to the shop and webhook registrations with their deliveries go; settings (rate limits on or off, sales units) and
        // the clock stay as they are (time does not run backwards).
        group.post("reset") { _, _ in
            store.reset()
            tokens.reset()
            callbacks.caller.log.reset()
            faults.clear()
            rateLimiter.reset()
            webhooks.reset()
            return try JSONResponse.make(Done())
        }
        // Access tokens only: the next call with a cached token gets a 401, as after Vipps revoked it,
        // while payments (and other clients' tests running against the same simulator) are untouched.
        group.post("tokens/revoke") { _, _ in
            tokens.reset()
            return try JSONResponse.make(Done())
        }
        // How many access tokens were issued since start (never reset) and how many are valid now.
        group.get("tokens") { _, _ in
            let counts = tokens.counts()
            return try JSONResponse.make(TokenCounts(issued: counts.issued, valid: counts.valid))
        }
        group.get("settings") { _, _ in try JSONResponse.make(settings()) }
        group.post("settings") { request, context in
            try await updateSettings(try await request.decodeControlBody(SettingsUpdate.self, context: context))
            return try JSONResponse.make(settings())
        }
        PaymentControlRoutes(store: store, callbacks: callbacks).add(to: group)
        ClockControlRoutes(store: store, expiry: expiry).add(to: group)
        CallbackControlRoutes(log: callbacks.caller.log).add(to: group)
        FaultControlRoutes(faults: faults).add(to: group)
        WebhookControlRoutes(dispatcher: webhooks).add(to: group)
        TestUserControlRoutes(users: users).add(to: group)
    }

    private func settings() -> SettingsView {
        SettingsView(rateLimits: rateLimiter.isEnabled, merchants: store.allMerchantSettings())
    }

    /// Checks every sales unit first, so that a refused update changes nothing.
    private func updateSettings(_ update: SettingsUpdate) async throws(ControlAPIError) {
        for msn in (update.merchants ?? [:]).keys where !store.isKnownMerchant(msn) {
            throw .badRequest("Unknown sales unit '\(msn)': start vipps-sim with --merchant-serial-number \(msn).")
        }
        if let rateLimits = update.rateLimits { rateLimiter.isEnabled = rateLimits }
        for (msn, merchant) in update.merchants ?? [:] {
            store.updateSettings(forMerchant: msn) { settings in
                if let value = merchant.directCapture { settings.directCapture = value }
                if let value = merchant.maySkipLandingPage { settings.maySkipLandingPage = value }
            }
        }
    }
}

/// The body of `POST /sim/v1/settings`: `{"rateLimits":true}`, and per sales unit
/// `{"merchants":{"123456":{"directCapture":true,"maySkipLandingPage":false}}}`. Absent fields keep
/// their value.
struct SettingsUpdate: Decodable {
    struct Merchant: Decodable {
        var directCapture: Bool?
        var maySkipLandingPage: Bool?
    }

    var rateLimits: Bool?
    var merchants: [String: Merchant]?
}

/// The body of `GET` and `POST /sim/v1/settings`: the runtime settings as they now are.
struct SettingsView: Encodable {
    let rateLimits: Bool
    let merchants: [String: MerchantSettings]
}
