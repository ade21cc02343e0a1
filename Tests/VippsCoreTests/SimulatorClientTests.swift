import Foundation
import Testing
import VippsHTTP

@testable import VippsCore

enum Simulator {
    static let environment = ProcessInfo.processInfo.environment
    static var isAvailable: Bool { environment["VIPPS_SIM_URL"] != nil && environment["VIPPS_SIM_CA"] != nil }

    static func configuration() -> ClientConfiguration {
        var configuration = ClientConfiguration()
        configuration.environment = .custom(baseURL: environment["VIPPS_SIM_URL"] ?? "")
        configuration.caFile = environment["VIPPS_SIM_CA"]
        configuration.clientId = environment["VIPPS_SIM_CLIENT_ID"]
        configuration.clientSecret = environment["VIPPS_SIM_CLIENT_SECRET"]
        configuration.subscriptionKey = environment["VIPPS_SIM_SUBSCRIPTION_KEY"]
        configuration.merchantSerialNumber = environment["VIPPS_SIM_MSN"]
        return configuration
    }

    /// Makes the simulator forget every payment and access token (its control API).
    static func reset() throws {
        let endpoint = try HTTPEndpoint(parsing: environment["VIPPS_SIM_URL"] ?? "")
        let http = HTTPClient(tls: try TLSContext(caFile: environment["VIPPS_SIM_CA"]))
        let response = try http.send(
            HTTPRequest(method: .post, path: "/sim/v1/reset"), to: endpoint,
            timeouts: .vippsDefaults)
        guard response.status == 200 else { throw VippsError(.server, "reset failed: \(response.status)") }
    }
}

/// The core client against vipps-sim (present when run by `make test`).
@Suite(.serialized, .enabled(if: Simulator.isAvailable, "needs vipps-sim; run through make test"))
struct SimulatorClientTests {
    @Test func revokedTokenIsFetchedAgainOnce() throws {
        let client = try VippsClient(Simulator.configuration())
        let orderId = "core-token-\(UUID().uuidString.prefix(8))"
        var request = InitiatePaymentRequest()
        request.orderId = orderId
        request.amount = 1_000
        request.transactionText = "Token test"
        request.callbackPrefix = "https://shop.example/vipps"
        request.fallbackURL = "https://shop.example/done"
        _ = try client.initiatePayment(request)

        // The simulator forgets its tokens (and payments): the cached token now gets a 401, and
        // the client must fetch a new one and repeat the call instead of failing.
        try Simulator.reset()
        do {
            _ = try client.paymentDetails(orderId: orderId)
            Issue.record("the payment should be gone after the reset")
        } catch {
            #expect(error.category == .notFound)  // not .authentication: the token was renewed
        }
        // Reused keep-alive connection, no new token needed.
        #expect(client.idleConnectionCount == 1)
    }

    @Test func tlsVerificationUsesTheConfiguredCA() throws {
        var configuration = Simulator.configuration()
        configuration.caFile = nil  // the system store does not know the simulator's CA
        let client = try VippsClient(configuration)
        #expect(throws: VippsError.self) { try client.paymentDetails(orderId: "any") }
        do {
            _ = try client.paymentDetails(orderId: "any")
        } catch {
            #expect(error.category == .tls)
        }
    }
}

/// Checks that happen before anything is sent (no simulator needed).
@Suite struct ValidationBeforeTheWireTests {
    @Test func vippsEnvironmentsRequireHTTPSURLs() throws {
        var configuration = ClientConfiguration()
        configuration.environment = .test
        configuration.clientId = "id"
        configuration.clientSecret = "secret"
        configuration.subscriptionKey = "key"
        configuration.merchantSerialNumber = "123456"
        let client = try VippsClient(configuration)
        var request = InitiatePaymentRequest()
        request.orderId = "order-1"
        request.amount = 1_000
        request.transactionText = "x"
        request.callbackPrefix = "http://shop.example/vipps"
        request.fallbackURL = "https://shop.example/done"
        do {
            _ = try client.initiatePayment(request)
            Issue.record("an http callback prefix must be refused before sending")
        } catch {
            #expect(error.category == .invalidArgument && error.message.contains("callback_prefix"))
        }
    }
}
