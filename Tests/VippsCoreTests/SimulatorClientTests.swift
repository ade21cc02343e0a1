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

    /// Makes the simulator forget every access token and nothing else (its control API): other
    /// suites run against the same simulator at the same time, and a full reset would wipe their
    /// payments mid-test.
    static func revokeTokens() throws {
        let endpoint = try HTTPEndpoint(parsing: environment["VIPPS_SIM_URL"] ?? "")
        let http = HTTPClient(tls: try TLSContext(caFile: environment["VIPPS_SIM_CA"]))
        let response = try http.send(
            HTTPRequest(method: .post, path: "/sim/v1/tokens/revoke"), to: endpoint,
            timeouts: .vippsDefaults)
        guard response.status == 200 else { throw VippsError(.server, "token revoke failed: \(response.status)") }
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

        // The simulator forgets its tokens: the cached token now gets a 401, and the client must
        // fetch a new one and repeat the call instead of failing.
        try Simulator.revokeTokens()
        let details = try client.paymentDetails(orderId: orderId)
        #expect(details.orderId == orderId)
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

/// The ePayment client against vipps-sim over TLS (present when run by `make test` or `make check`).
/// Nested in the serialized simulator suite, one test at a time.
extension SimulatorClientTests {
    @Suite struct EPaymentSimulatorTests {
        static func reference(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }

        /// Lets the sales unit push straight to the phone (PUSH_MESSAGE), through the control API.
        static func allowPushMessages() throws {
            let environment = ProcessInfo.processInfo.environment
            let endpoint = try HTTPEndpoint(parsing: environment["VIPPS_SIM_URL"] ?? "")
            let http = HTTPClient(tls: try TLSContext(caFile: environment["VIPPS_SIM_CA"]))
            let msn = environment["VIPPS_SIM_MSN"] ?? ""
            let body = #"{"merchants":{"\#(msn)":{"maySkipLandingPage":true}}}"#
            let response = try http.send(
                HTTPRequest(
                    method: .post, path: "/sim/v1/settings",
                    headers: [(name: "Content-Type", value: "application/json")], body: Array(body.utf8)),
                to: endpoint, timeouts: .vippsDefaults)
            guard response.status == 200 else { throw VippsError(.server, "settings failed: \(response.status)") }
        }

        @Test(arguments: UserFlow.allCases)
        func aPaymentInEachFlowIsApprovedCapturedAndRefunded(_ flow: UserFlow) throws {
            if flow == .pushMessage { try Self.allowPushMessages() }
            let client = try VippsClient(Simulator.configuration())
            var request = CreatePaymentRequest()
            try request.setReference(Self.reference("core-ep"))
            try request.setAmount(1_000)
            request.userFlow = flow
            if flow != .pushMessage { try request.setReturnURL("https://shop.example/back") }
            if flow == .pushMessage { try request.setCustomer(.phoneNumber("4791234567")) }
            try request.setPaymentDescription("Two pairs of socks")
            let creation = try client.createPayment(request, idempotencyKey: nil)
            let reference = try #require(request.reference)
            #expect(creation.reference == reference)
            #expect((creation.redirectURL == nil) == (flow == .pushMessage))
            #expect(try client.ePaymentPayment(reference: reference).state == .initiated)

            try client.ePaymentForceApprove(
                reference: reference, customer: flow == .pushMessage ? nil : .phoneNumber("4791234567"),
                landingToken: creation.landingToken)
            let approved = try client.ePaymentPayment(reference: reference)
            #expect(approved.state == .reserved && approved.authorizedAmount == 1_000 && approved.currency == "NOK")

            let partial = try client.ePaymentCapture(reference: reference, amount: 300, idempotencyKey: nil)
            #expect(
                partial.state == .partiallyCaptured && partial.capturedAmount == 300
                    && partial.remainingToCapture == 700)
            let captured = try client.ePaymentCapture(
                reference: reference, amount: VippsClient.remainingAmount, idempotencyKey: nil)
            #expect(captured.state == .captured && captured.capturedAmount == 1_000 && captured.remainingToCapture == 0)
            let refunded = try client.ePaymentRefund(reference: reference, amount: 200, idempotencyKey: "refund-1")
            #expect(refunded.state == .partiallyRefunded && refunded.refundedAmount == 200)
            #expect(refunded.remainingToRefund == 800 && refunded.idempotencyKey == "refund-1")

            let events = try client.ePaymentEvents(reference: reference)
            #expect(events.map(\.name) == ["CREATED", "AUTHORIZED", "CAPTURED", "CAPTURED", "REFUNDED"])
            #expect(events.map(\.amount) == [1_000, 1_000, 300, 700, 200])
            #expect(events.last?.idempotencyKey == "refund-1")
            #expect(events.first?.idempotencyKey == creation.idempotencyKey)
        }

        @Test func aRepeatedCreateWithTheSameKeyGetsTheFirstAnswer() throws {
            let client = try VippsClient(Simulator.configuration())
            var request = CreatePaymentRequest()
            try request.setReference(Self.reference("core-ep-key"))
            try request.setAmount(1_000)
            try request.setReturnURL("https://shop.example/back")
            let first = try client.createPayment(request, idempotencyKey: "shop-create-1")
            let again = try client.createPayment(request, idempotencyKey: "shop-create-1")
            #expect(again.redirectURL == first.redirectURL && again.idempotencyKey == "shop-create-1")
            let events = try client.ePaymentEvents(reference: first.reference)
            #expect(events.map(\.name) == ["CREATED"])
            // Another key for the same reference is a new create, which Vipps refuses.
            let error = #expect(throws: VippsError.self) {
                try client.createPayment(request, idempotencyKey: "other-key")
            }
            #expect(error?.category == .rejected && error?.httpStatus == 409 && error?.errorCode == "4150")
        }

        @Test func problemsMapToTheLibrarysCategories() throws {
            let client = try VippsClient(Simulator.configuration())
            var request = CreatePaymentRequest()
            try request.setReference(Self.reference("core-ep-err"))
            try request.setAmount(1_000)
            try request.setReturnURL("https://shop.example/back")
            let creation = try client.createPayment(request, idempotencyKey: nil)
            let early = #expect(throws: VippsError.self) {
                try client.ePaymentCapture(reference: creation.reference, amount: 500, idempotencyKey: nil)
            }
            #expect(early?.category == .rejected && early?.httpStatus == 400 && early?.errorCode == "6080")
            #expect(early?.contextId?.isEmpty == false && early?.isRetryable == false)
            let missing = #expect(throws: VippsError.self) { try client.ePaymentPayment(reference: "no-such-ref") }
            #expect(missing?.category == .notFound)
            // Denmark's currency on a Norwegian sales unit.
            var danish = CreatePaymentRequest()
            danish.currency = .dkk
            try danish.setReference(Self.reference("core-ep-dkk"))
            try danish.setAmount(1_000)
            try danish.setReturnURL("https://shop.example/back")
            let currency = #expect(throws: VippsError.self) { try client.createPayment(danish, idempotencyKey: nil) }
            #expect(currency?.category == .rejected && currency?.errorCode == "5040")
        }

        @Test func cancelBeforeAndAfterApproval() throws {
            let client = try VippsClient(Simulator.configuration())
            var request = CreatePaymentRequest()
            try request.setReference(Self.reference("core-ep-cancel"))
            try request.setAmount(1_000)
            try request.setReturnURL("https://shop.example/back")
            let unapproved = try client.createPayment(request, idempotencyKey: nil)
            let terminated = try client.ePaymentCancel(
                reference: unapproved.reference, cancelTransactionOnly: false, idempotencyKey: nil)
            #expect(terminated.ePaymentState == "TERMINATED" && terminated.state == .cancelled)

            try request.setReference(Self.reference("core-ep-cancel"))
            let approved = try client.createPayment(request, idempotencyKey: nil)
            try client.ePaymentForceApprove(
                reference: approved.reference, customer: nil, landingToken: approved.landingToken)
            let onlyTransaction = #expect(throws: VippsError.self) {
                try client.ePaymentCancel(
                    reference: approved.reference, cancelTransactionOnly: true, idempotencyKey: nil)
            }
            #expect(onlyTransaction?.errorCode == "6060")
            _ = try client.ePaymentCapture(reference: approved.reference, amount: 250, idempotencyKey: nil)
            let released = try client.ePaymentCancel(
                reference: approved.reference, cancelTransactionOnly: false, idempotencyKey: "cancel-1")
            #expect(released.state == .captured && released.cancelledAmount == 750 && released.remainingToCapture == 0)
            // The same key again: the same answer, nothing cancelled twice.
            let repeated = try client.ePaymentCancel(
                reference: approved.reference, cancelTransactionOnly: false, idempotencyKey: "cancel-1")
            #expect(repeated.cancelledAmount == 750)
        }

        @Test func anEComOrderIsCapturedAndRefundedThroughEPayment() throws {
            let client = try VippsClient(Simulator.configuration())
            let orderId = "core-ecom-\(UUID().uuidString.prefix(6))"
            var initiate = InitiatePaymentRequest()
            initiate.orderId = orderId
            initiate.amount = 2_000
            initiate.transactionText = "Migrating"
            initiate.callbackPrefix = "https://shop.example/vipps"
            initiate.fallbackURL = "https://shop.example/done"
            let initiation = try client.initiatePayment(initiate)
            try client.forceApprove(
                orderId: orderId, phoneNumber: "91234567", landingToken: try #require(initiation.landingToken))
            let reserved = try client.ePaymentPayment(reference: orderId)
            #expect(reserved.state == .reserved && reserved.authorizedAmount == 2_000)
            let captured = try client.ePaymentCapture(
                reference: orderId, amount: VippsClient.remainingAmount, idempotencyKey: nil)
            #expect(captured.state == .captured && captured.capturedAmount == 2_000)
            let refunded = try client.ePaymentRefund(reference: orderId, amount: 500, idempotencyKey: nil)
            #expect(refunded.state == .partiallyRefunded && refunded.refundedAmount == 500)
            // eCom's own view agrees.
            let details = try client.paymentDetails(orderId: orderId)
            #expect(
                details.state == .partiallyRefunded && details.capturedAmount == 2_000 && details.refundedAmount == 500)
        }

        /// The same shop code on both APIs: only `api` differs.
        @Test(arguments: PaymentAPI.allCases)
        func theEComOperationsWorkOnBothAPIs(_ api: PaymentAPI) throws {
            var configuration = Simulator.configuration()
            configuration.api = api
            configuration.pollInitialDelayMilliseconds = 0
            let client = try VippsClient(configuration)
            let orderId = Self.reference("core-both")
            var initiate = InitiatePaymentRequest()
            initiate.orderId = orderId
            initiate.amount = 1_000
            initiate.transactionText = "Same shop code"
            initiate.callbackPrefix = "https://shop.example/vipps"
            initiate.fallbackURL = "https://shop.example/done"
            initiate.phoneNumber = "91234567"
            let initiation = try client.initiatePayment(initiate)
            try client.forceApprove(
                orderId: orderId, phoneNumber: "91234567", landingToken: try #require(initiation.landingToken))
            let approved = try client.waitForUserOutcome(orderId: orderId, timeoutMilliseconds: 5_000)
            #expect(approved.state == .reserved && approved.amount == 1_000 && approved.remainingToCapture == 1_000)
            #expect((approved.ePayment != nil) == (api == .ePayment))
            let partial = try client.capture(
                orderId: orderId, amount: 400, transactionText: "Part", idempotencyKey: nil)
            #expect(partial.capturedAmount == 400 && partial.remainingToCapture == 600 && !partial.requestId.isEmpty)
            _ = try client.capture(
                orderId: orderId, amount: VippsClient.remainingAmount, transactionText: "Rest", idempotencyKey: nil)
            let refund = try client.refund(
                orderId: orderId, amount: 300, transactionText: "Back", idempotencyKey: "r-1")
            #expect(refund.refundedAmount == 300 && refund.remainingToRefund == 700 && refund.requestId == "r-1")
            let details = try client.paymentDetails(orderId: orderId)
            #expect(
                details.state == .partiallyRefunded && details.capturedAmount == 1_000 && details.refundedAmount == 300)
            // Newest first on both APIs, in eCom's operation names.
            #expect(details.log.first?.operation == "REFUND" && details.log.last?.operation == "INITIATE")
            #expect(details.log.filter { $0.operation == "CAPTURE" }.map(\.amount).sorted() == [400, 600])
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
