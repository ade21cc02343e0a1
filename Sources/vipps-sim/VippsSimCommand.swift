import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import VippsSimulator

/// `vipps-sim`: the command line of the simulator. Parsing and start-up only; everything else is in
/// the VippsSimulator library. The help's tables are kept under 80 columns, where ArgumentParser wraps.
@main
struct VippsSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vipps-sim",
        abstract: "A stateful local simulator of the Vipps eCom v2 and ePayment v1 payment APIs.",
        discussion: """
            Serves, as the Vipps test environment does:
              POST /accesstoken/get
              POST /ecomm/v2/payments                      initiate
              POST /ecomm/v2/payments/{orderId}/capture    needs X-Request-Id
              POST /ecomm/v2/payments/{orderId}/refund     needs X-Request-Id
              PUT  /ecomm/v2/payments/{orderId}/cancel
              GET  /ecomm/v2/payments/{orderId}/details
              GET  /ecomm/v2/payments/{orderId}/status     deprecated
              POST /ecomm/v2/integration-test/payments/{orderId}/approve
              POST /epayment/v1/payments                   create, needs Idempotency-Key
              GET  /epayment/v1/payments/{reference}       also eCom payments
              GET  /epayment/v1/payments/{reference}/events
              POST /epayment/v1/payments/{reference}/capture|refund|cancel
              POST /epayment/v1/test/payments/{reference}/approve

            Control API for test harnesses (no authentication; errors {"error":…}):
              GET    /sim/v1/health
              GET    /sim/v1/payments                   all payments
              GET    /sim/v1/payments/{orderId}         ledger, request counts
              POST   /sim/v1/payments/{orderId}/reject  the user rejects
              POST   /sim/v1/reset                      forget all but settings
              GET    /sim/v1/settings                   rateLimits, merchants
              POST   /sim/v1/settings                   {"rateLimits":true}
              GET    /sim/v1/faults                     faults, counters
              POST   /sim/v1/faults                     one fault or a list
              POST   /sim/v1/faults/random              {"seed":1,"probability":0.1}
              DELETE /sim/v1/faults                     clear faults
              GET    /sim/v1/clock                      simulated now
              POST   /sim/v1/clock/advance              {"seconds":600}
              GET    /sim/v1/callbacks[?orderId=…]      calls to the shop

            The user's side, as web pages (no JavaScript):
              the url initiate returns                  landing page
              /sim/v1/phone/{8-digit number}            the user's "app"
            The user's outcome (approve, reject, expiry after 10 simulated \
            minutes, a magic amount's failure) is POSTed to callbackPrefix + \
            /v2/payments/{orderId}, once, with a 3 s timeout.
            A fault: {"endpoint":"capture","orderId":"o-1","kind":"error-after"}, \
            with "count" (default 1). Kinds: error-before, error-after (status), \
            drop-before, drop-after, latency (delayMs), rate-limit (retryAfter), \
            respond (status, body, contentType). Endpoints: token, initiate, \
            capture, cancel, refund, details, status, approve, any.

            Rate limits as at Vipps (initiate 2/min, capture, cancel and refund 5/min \
            per order and MSN; details and status 120/min per order) are off unless \
            --rate-limits is given or the control API turns them on.

            HTTPS by default, with a certificate from a local CA that is created in the state directory on \
            first start (ca.pem, ca-key.pem) and reused afterwards: make your client trust ca.pem.

            Once listening it prints, on stdout:
              vipps-sim \(SimulatorVersion.current) listening on https://127.0.0.1:PORT
              vipps-sim CA certificate: /absolute/path/ca.pem   (not with --plain-http)
            and then one line per request on stderr (method, path, status, duration, injected faults; never \
            headers or bodies). A dropped connection is logged with status 000.
            SIGINT or SIGTERM stops it cleanly.
            """,
        version: SimulatorVersion.current
    )

    @Option(help: "Address to listen on: a host name, IPv4 or IPv6 literal.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port (see the start-up line).")
    var port = 8443

    @Flag(help: "Serve plain HTTP instead of HTTPS.")
    var plainHTTP = false

    @Option(help: "Directory for the local CA (ca.pem, ca-key.pem); created if missing.")
    var stateDir = ".vipps-sim"

    @Option(
        help: ArgumentHelp(
            "Keep payments across restarts in this JSON file (mode 0600).",
            discussion: """
                Loaded at start-up (a missing file starts empty; an unreadable or corrupt one \
                stops vipps-sim with exit code 1) and saved atomically after every change: \
                payments with their logs and idempotency keys, sales-unit settings, request \
                counts and the clock offset. Access tokens are not kept: clients fetch new \
                ones after a restart. Faults and recorded callbacks are not kept either.
                """,
            valueName: "path"
        )
    )
    var stateFile: String?

    @Option(help: "The client_id the token endpoint accepts.")
    var clientId = SimulatorCredentials.defaults.clientID

    @Option(help: "The client_secret the token endpoint accepts.")
    var clientSecret = SimulatorCredentials.defaults.clientSecret

    @Option(help: "The Ocp-Apim-Subscription-Key every endpoint requires.")
    var subscriptionKey = SimulatorCredentials.defaults.subscriptionKey

    @Option(
        name: .customLong("merchant-serial-number"),
        help:
            "A sales unit (MSN, 5 or 6 digits) the credentials may act for; repeat for several. (default: \(SimulatorConfiguration.defaultMerchantSerialNumber))"
    )
    var merchantSerialNumbers: [String] = []

    @Option(help: "A sales unit (one of the MSNs) that uses direct capture: approval logs SALE; repeat for several.")
    var directCapture: [String] = []

    @Option(help: "A sales unit (one of the MSNs) allowed to skip the landing page; repeat for several.")
    var maySkipLandingPage: [String] = []

    @Option(
        help:
            "A sales unit (one of the MSNs) that is MobilePay in Denmark: its ePayment currency is DKK; repeat for several."
    )
    var mobilepayDenmark: [String] = []

    @Option(
        help:
            "A sales unit (one of the MSNs) that is MobilePay in Finland: its ePayment currency is EUR; repeat for several."
    )
    var mobilepayFinland: [String] = []

    @Option(help: "Lifetime of access tokens in seconds.")
    var tokenLifetime = 3600

    @Flag(help: "Enforce Vipps' per-order rate limits (HTTP 429 with Retry-After). Off by default.")
    var rateLimits = false

    @Option(help: "Extra attempts for a failed callback (Vipps makes one; for testing only).")
    var callbackRetries = 0

    @Flag(help: "Accept capture and refund amounts below 100 øre, which Vipps refuses. Off by default.")
    var allowSmallAmounts = false

    @Option(help: "Send webhook retries this many times sooner than Vipps' schedule (1 = as scheduled).")
    var webhookTimeCompression: Double = 1

    @Flag(help: "Register webhooks only with Vipps' URL rule (https, ports 80, 443, 8080). Off by default.")
    var strictWebhookUrls = false

    func validate() throws {
        guard webhookTimeCompression.isFinite, (1...1_000_000).contains(webhookTimeCompression) else {
            throw ValidationError("--webhook-time-compression must be between 1 and 1000000.")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard (0...10).contains(callbackRetries) else {
            throw ValidationError("--callback-retries must be between 0 and 10.")
        }
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be a positive number of seconds.") }
        for msn in merchantSerialNumbers
        where !(5...6).contains(msn.count) || !msn.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValidationError("--merchant-serial-number must be 5 or 6 digits, not '\(msn)'.")
        }
        let known =
            merchantSerialNumbers.isEmpty ? [SimulatorConfiguration.defaultMerchantSerialNumber] : merchantSerialNumbers
        for (flag, msns) in [
            ("--direct-capture", directCapture), ("--may-skip-landing-page", maySkipLandingPage),
            ("--mobilepay-denmark", mobilepayDenmark), ("--mobilepay-finland", mobilepayFinland),
        ] {
            for msn in msns where !known.contains(msn) {
                throw ValidationError("\(flag) \(msn) is not one of the sales units (--merchant-serial-number).")
            }
        }
        if let both = mobilepayDenmark.first(where: mobilepayFinland.contains) {
            throw ValidationError("\(both) cannot be both --mobilepay-denmark and --mobilepay-finland.")
        }
        for (name, value) in [
            ("--client-id", clientId), ("--client-secret", clientSecret), ("--subscription-key", subscriptionKey),
        ]
        where value.isEmpty {
            throw ValidationError("\(name) must not be empty.")
        }
    }

    func run() async throws {
        // Route handlers are async: without this, every request hops from the NIO thread that
        // read it to a Swift concurrency worker thread and back (a third of the CPU profile of
        // a details request ran on those workers). Concurrency's jobs now run on NIO's loops.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var configuration = SimulatorConfiguration(
            host: host,
            port: port,
            usesTLS: !plainHTTP,
            stateDirectory: URL(fileURLWithPath: stateDir),
            stateFile: stateFile.map { URL(fileURLWithPath: $0) },
            credentials: SimulatorCredentials(
                clientID: clientId, clientSecret: clientSecret, subscriptionKey: subscriptionKey),
            merchantSerialNumbers: merchantSerialNumbers.isEmpty
                ? [SimulatorConfiguration.defaultMerchantSerialNumber]
                : merchantSerialNumbers,
            tokenLifetime: TimeInterval(tokenLifetime),
            rateLimits: rateLimits,
            callbackRetries: callbackRetries
        )
        configuration.allowSmallAmounts = allowSmallAmounts
        configuration.webhookTimeCompression = webhookTimeCompression
        configuration.strictWebhookURLs = strictWebhookUrls
        for msn in mobilepayDenmark { configuration.markets[msn] = .denmark }
        for msn in mobilepayFinland { configuration.markets[msn] = .finland }
        let simulator = VippsSimulator(configuration: configuration)
        let application = try simulator.makeApplication { address in
            // Unbuffered, in one write: a script waiting for these lines gets them at once.
            let banner = StartupBanner.lines(for: address).map { $0 + "\n" }.joined()
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        // The flags win over settings loaded from a state file.
        for msn in directCapture { simulator.store.updateSettings(forMerchant: msn) { $0.directCapture = true } }
        for msn in maySkipLandingPage {
            simulator.store.updateSettings(forMerchant: msn) { $0.maySkipLandingPage = true }
        }
        // Returns after a graceful shutdown on SIGINT or SIGTERM, so the process exits with status 0.
        try await application.runService()
    }
}
