import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import VippsSimulator

/// `--state-file`: what a restart keeps, and how the file is written and refused.
@Suite("State file")
struct StateFileTests {
    static let msn = SimulatorHarness.msn
    static let start = Date(timeIntervalSince1970: 1_750_000_000)
    static let bring = ShippingOption(id: "bring", method: "Bring", costNOK: 99, isDefault: true, priority: 0)

    private func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vipps-sim-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func initiation(_ orderId: String, type: PaymentType = .regular, mobileNumber: String? = nil)
        -> PaymentInitiation
    {
        PaymentInitiation(
            merchantSerialNumber: Self.msn,
            orderId: orderId,
            amount: 20000,
            transactionText: "Socks",
            paymentType: type,
            isApp: false,
            skipLandingPage: false,
            callbackPrefix: "https://shop.test/vipps",
            fallBack: "https://shop.test/done",
            authToken: "callback-secret",
            consentRemovalPrefix: nil,
            shippingDetailsPrefix: nil,
            staticShippingDetails: type == .express
                ? [
                    .object([
                        "shippingMethodId": .string("bring"), "shippingMethod": .string("Bring"),
                        "shippingCost": .string("99.00"),
                    ])
                ]
                : nil,
            mobileNumber: mobileNumber,
            scope: nil
        )
    }

    private func action(amount: Int?, requestId: String) -> PaymentAction {
        PaymentAction(
            merchantSerialNumber: Self.msn, amount: amount, transactionText: "Socks on the way", requestId: requestId)
    }

    /// A store with payments in every interesting state, saved to `file`.
    private func populatedStore(file: StateFile, clock: ManualClock) throws -> PaymentStore {
        let store = PaymentStore(merchantSerialNumbers: [Self.msn], clock: clock)
        try store.restore(from: file)
        store.updateSettings(forMerchant: Self.msn) { $0.maySkipLandingPage = true }
        for orderId in ["initiated", "captured", "refunded", "rejected", "express"] {
            let type: PaymentType = orderId == "express" ? .express : .regular
            _ = try store.initiate(initiation(orderId, type: type, mobileNumber: "91234567")) {
                "https://sim.test/landing?token=\($0)"
            }
            clock.advance(by: 1)
        }
        for orderId in ["captured", "refunded"] {
            let payment = try store.payment(orderId: orderId, merchantSerialNumber: nil)
            _ = try store.forceApprove(
                orderId: orderId, merchantSerialNumber: nil, landingToken: payment.landingToken,
                customerPhoneNumber: "91234567", requestId: "approve")
            clock.advance(by: 1)
        }
        store.countRequest(.capture, orderId: "captured")
        _ = try store.capture(orderId: "captured", action(amount: 5000, requestId: "capture-1"))
        _ = try store.capture(orderId: "refunded", action(amount: nil, requestId: "capture-2"))
        clock.advance(by: 1)
        store.countRequest(.refund, orderId: "refunded")
        _ = try store.refund(orderId: "refunded", action(amount: 3000, requestId: "refund-1"))
        _ = try store.reject(orderId: "rejected", merchantSerialNumber: nil)
        _ = try store.sendPush(orderId: "express", merchantSerialNumber: Self.msn, phone: "92345678")
        try store.offerShipping(
            orderId: "express", merchantSerialNumber: Self.msn, phone: "92345678",
            ShippingOffer(addressId: 3960, options: [Self.bring]))
        let choice = ExpressChoice(address: try #require(CannedAddress.withId(3960)), shipping: Self.bring)
        _ = try store.userApprove(orderId: "express", merchantSerialNumber: Self.msn, phone: "92345678", choice: choice)
        return store
    }

    @Test("a reloaded store has the same payments, settings and counts, and idempotent retries still replay")
    func storeRoundTrip() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.json")
        let clock = ManualClock(startingAt: Self.start)
        let original = try populatedStore(file: StateFile(url: url), clock: clock)

        let reloaded = PaymentStore(merchantSerialNumbers: [Self.msn], clock: clock)
        try reloaded.restore(from: StateFile(url: url))
        #expect(reloaded.allPayments() == original.allPayments())
        #expect(reloaded.allPayments().map(\.orderId) == ["initiated", "captured", "refunded", "rejected", "express"])
        #expect(reloaded.allPayments().map(\.state) == [.initiate, .capture, .refund, .cancel, .reserve])
        #expect(reloaded.settings(forMerchant: Self.msn) == MerchantSettings(maySkipLandingPage: true))
        #expect(reloaded.requestCounts(orderId: "captured").capture == 1)
        #expect(reloaded.requestCounts(orderId: "refunded").refund == 1)
        let express = try reloaded.payment(orderId: "express", merchantSerialNumber: nil)
        #expect(express.pushedTo == "92345678")
        #expect(express.expressChoice?.shipping == Self.bring)
        #expect(express.summary?.remainingAmountToCapture == 20000 + 9900)

        // The same key and request: the first answer again, nothing captured twice.
        let firstCapture = try #require(original.allPayments()[1].log.last)
        let replay = try reloaded.capture(orderId: "captured", action(amount: 5000, requestId: "capture-1"))
        #expect(replay.isReplay)
        #expect(replay.entry == firstCapture)
        #expect(replay.payment.amounts.capturedAmount == 5000)
        #expect(throws: BackendError.self) {
            try reloaded.capture(orderId: "captured", action(amount: 6000, requestId: "capture-1"))
        }
        // And the reloaded store saves its own changes.
        _ = try reloaded.capture(orderId: "captured", action(amount: 1000, requestId: "capture-3"))
        let third = PaymentStore(merchantSerialNumbers: [Self.msn], clock: clock)
        try third.restore(from: StateFile(url: url))
        #expect(try third.payment(orderId: "captured", merchantSerialNumber: nil).amounts.capturedAmount == 6000)
    }

    @Test("the clock's offset survives a restart")
    func clockOffset() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.json")
        let clock = OffsetClock()
        let store = PaymentStore(merchantSerialNumbers: [Self.msn], clock: clock)
        try store.restore(from: StateFile(url: url))
        clock.advance(by: 86_400)
        store.clockDidMove()

        let restarted = OffsetClock()
        try PaymentStore(merchantSerialNumbers: [Self.msn], clock: restarted).restore(from: StateFile(url: url))
        #expect(restarted.movedBy == 86_400)
    }

    @Test(
        "a corrupt, truncated or foreign file is refused, and left as it was",
        arguments: [
            "{not json", "", #"{"version":2,"payments":[]}"#, #"{"version":1,"payments":"none"}"#, "[1,2]",
        ])
    func corruptFileIsRefused(contents: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.json")
        try Data(contents.utf8).write(to: url)
        let store = PaymentStore(merchantSerialNumbers: [Self.msn], clock: ManualClock(startingAt: Self.start))
        let error = try #require(throws: StateFileError.self) { try store.restore(from: StateFile(url: url)) }
        #expect(error.path == url.path)
        #expect(error.description.hasPrefix("state file \(url.path): "))
        #expect(try String(contentsOf: url, encoding: .utf8) == contents)
    }

    @Test("a truncated real file is refused")
    func truncatedFileIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.json")
        _ = try populatedStore(file: StateFile(url: url), clock: ManualClock(startingAt: Self.start))
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
        let store = PaymentStore(merchantSerialNumbers: [Self.msn], clock: ManualClock(startingAt: Self.start))
        #expect(throws: StateFileError.self) { try store.restore(from: StateFile(url: url)) }
    }

    @Test("the file is written with mode 0600, replaced atomically, with no temporary files left")
    func fileMode() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.json")
        // An existing world-readable file is replaced by a private one.
        try Data(#"{"version":1,"clockOffsetSeconds":0,"merchants":{},"requestCounts":{},"payments":[]}"#.utf8).write(
            to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        _ = try populatedStore(file: StateFile(url: url), clock: ManualClock(startingAt: Self.start))
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["state.json"])
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(#""version" : 1"#))
        #expect(!text.contains("access"), "access tokens are not saved")
    }

    @Test("an older snapshot never replaces a newer one")
    func olderSnapshotIsSkipped() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = StateFile(url: directory.appendingPathComponent("state.json"))
        let newer = StoredState(clockOffsetSeconds: 2, merchants: [:], requestCounts: [:], payments: [])
        let older = StoredState(clockOffsetSeconds: 1, merchants: [:], requestCounts: [:], payments: [])
        try file.save(newer, generation: 2)
        try file.save(older, generation: 1)
        #expect(try file.load() == newer)
    }

    // MARK: The real server

    /// Starts the simulator over plain HTTP on a free port with `stateFile`, runs `body`, then stops it.
    private func withRunningSimulator(
        stateDirectory: URL,
        stateFile: URL,
        _ body: @Sendable (TestClient) async throws -> Void
    ) async throws {
        let configuration = SimulatorConfiguration(
            port: 0, usesTLS: false, stateDirectory: stateDirectory, stateFile: stateFile, requestLog: { _ in })
        let (addresses, continuation) = AsyncStream.makeStream(of: ListeningAddress.self)
        let application = try VippsSimulator(configuration: configuration).makeApplication { continuation.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            var iterator = addresses.makeAsyncIterator()
            let address = try #require(await iterator.next())
            let client = TestClient(
                host: "127.0.0.1", port: address.port, configuration: TestClient.Configuration(timeout: .seconds(5)))
            client.connect()
            try await body(client)
            try? await client.shutdown()
            group.cancelAll()
        }
    }

    private static func object(_ response: TestClient.Response) throws -> [String: Any] {
        let data = Data(buffer: response.body ?? ByteBuffer())
        return try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any],
            "\(String(buffer: response.body ?? ByteBuffer()))")
    }

    private static func fetchToken(_ client: TestClient) async throws -> String {
        let response = try await client.post(
            "/accesstoken/get", headers: SimulatorSession.tokenHeaders(), body: ByteBuffer())
        return try #require(try object(response)["access_token"] as? String)
    }

    @Test("a payment initiated, approved and captured before a restart is still there after it")
    func restartKeepsPayments() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stateFile = directory.appendingPathComponent("state.json")
        let stateDirectory = directory.appendingPathComponent("ca")

        let tokens = LogCollector()
        try await withRunningSimulator(stateDirectory: stateDirectory, stateFile: stateFile) { client in
            let token = try await Self.fetchToken(client)
            tokens.append(token)
            let initiation = try await client.post(
                "/ecomm/v2/payments", headers: SimulatorSession.apiHeaders(token: token),
                body: ByteBuffer(string: InitiateBody.json(orderId: "order-1")))
            #expect(initiation.status == .ok)
            let url = try #require(try Self.object(initiation)["url"] as? String)
            let approval = try await client.post(
                "/ecomm/v2/integration-test/payments/order-1/approve",
                headers: SimulatorSession.apiHeaders(token: token),
                body: ByteBuffer(string: #"{"token":"\#(url.components(separatedBy: "token=").last ?? "")"}"#))
            #expect(approval.status == .ok)
            let capture = try await client.post(
                "/ecomm/v2/payments/order-1/capture",
                headers: SimulatorSession.apiHeaders(token: token, requestID: "capture-1"),
                body: ByteBuffer(string: SimulatorSession.actionBody(amount: 5000)))
            #expect(capture.status == .ok)
        }
        let oldToken = try #require(tokens.all.first)
        let attributes = try FileManager.default.attributesOfItem(atPath: stateFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        try await withRunningSimulator(stateDirectory: stateDirectory, stateFile: stateFile) { client in
            // Tokens are not kept: the old one is refused, a new one works.
            let refused = try await client.get(
                "/ecomm/v2/payments/order-1/details", headers: SimulatorSession.apiHeaders(token: oldToken))
            #expect(refused.status == .unauthorized)
            let token = try await Self.fetchToken(client)
            let details = try await client.get(
                "/ecomm/v2/payments/order-1/details", headers: SimulatorSession.apiHeaders(token: token))
            #expect(details.status == .ok)
            let history = try #require(try Self.object(details)["transactionLogHistory"] as? [[String: Any]])
            #expect(history.compactMap { $0["operation"] as? String } == ["CAPTURE", "RESERVE", "INITIATE"])
            let ledger = try Self.object(await client.get("/sim/v1/payments/order-1"))
            #expect(ledger["captured"] as? Int == 5000)
            #expect(ledger["requests"] as? [String: Int] == ["capture": 1, "refund": 0, "cancel": 0])
            // The idempotency key still answers with the first capture.
            let retry = try await client.post(
                "/ecomm/v2/payments/order-1/capture",
                headers: SimulatorSession.apiHeaders(token: token, requestID: "capture-1"),
                body: ByteBuffer(string: SimulatorSession.actionBody(amount: 5000)))
            #expect(retry.status == .ok)
            #expect(try Self.object(await client.get("/sim/v1/payments/order-1"))["captured"] as? Int == 5000)
        }
    }
}
