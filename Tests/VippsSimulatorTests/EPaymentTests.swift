import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import VippsSimulator

/// ePayment v1 under /epayment/v1: create, read, events, capture, refund, cancel, test approve, and
/// one store shared with eCom.
@Suite("ePayment v1")
struct EPaymentTests {
    static let denmark = "223344"
    static let finland = "334455"

    private func harness() -> SimulatorHarness {
        SimulatorHarness(
            merchantSerialNumbers: [SimulatorHarness.msn, Self.denmark, Self.finland],
            markets: [Self.denmark: .denmark, Self.finland: .finland]
        )
    }

    @Test("returnUrl: plain http is refused (4090) except to a loopback host, where a local shop has no certificate")
    func loopbackReturnURL() async throws {
        try await harness().run { session in
            let client = try await EPaymentClient.make(session)
            for (index, url) in [
                "http://127.0.0.1:47210/order/shop-1", "http://localhost/order", "http://127.5.0.1:8080/back",
            ].enumerated() {
                let reply = try await client.create(
                    EPaymentClient.createBody(reference: "loopback-order-\(index)", returnUrl: url))
                #expect(reply.status == .created, "\(url): \(reply.text)")
            }
            for url in ["http://shop.test/r", "http://127.0.0.1.shop.test/r", "http:///r"] {
                try await client.create(EPaymentClient.createBody(reference: "remote-order-1", returnUrl: url))
                    .expectProblem(.badRequest, code: 4090)
            }
        }
    }

    @Test("create WEB_REDIRECT: 201 with the landing URL; GET shows CREATED with a zero aggregate; events hold CREATED")
    func create() async throws {
        try await harness().run { session in
            let client = try await EPaymentClient.make(session)
            let reply = try await client.create(
                EPaymentClient.createBody(reference: "acme-order-1"), key: "create-key-1")
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.headers[.contentType] == "application/json;charset=UTF-8")
            let created = try reply.object()
            #expect(created["reference"] as? String == "acme-order-1")
            let redirect = try #require(created["redirectUrl"] as? String)
            #expect(redirect.contains(LandingURL.path + "?v=2&token="))

            let payment = try await client.get("acme-order-1").object()
            #expect(payment["state"] as? String == "CREATED")
            #expect(payment["reference"] as? String == "acme-order-1")
            #expect(payment["redirectUrl"] as? String == redirect)
            #expect((payment["amount"] as? [String: Any])?["value"] as? Int == 49900)
            #expect((payment["paymentMethod"] as? [String: Any])?["type"] as? String == "WALLET")
            #expect((payment["profile"] as? [String: Any])?.isEmpty == true)
            let psp = try #require(payment["pspReference"] as? String)
            #expect(UUID(uuidString: psp) != nil)
            #expect(try await client.snapshot("acme-order-1").amounts == [0, 0, 0, 0])
            let aggregate = try #require(payment["aggregate"] as? [String: [String: Any]])
            #expect(aggregate.values.allSatisfy { $0["currency"] as? String == "NOK" })

            let events = try await client.events("acme-order-1")
            #expect(events.count == 1)
            #expect(events.first?["name"] as? String == "CREATED")
            #expect(events.first?["pspReference"] as? String == psp)
            #expect(events.first?["idempotencyKey"] as? String == "create-key-1")
            #expect(events.first?["success"] as? Bool == true)
            #expect((events.first?["timestamp"] as? String) == "2025-06-15T15:06:40.000Z")
        }
    }

    @Test(
        "create's Idempotency-Key: a retry gets the first answer, another body 4020, a used reference 4150 (eCom's too)"
    )
    func createIdempotency() async throws {
        try await harness().run { session in
            let client = try await EPaymentClient.make(session)
            let body = EPaymentClient.createBody(reference: "acme-order-1")
            let first = try await client.create(body, key: "k1")
            #expect(first.status == .created)
            // The same JSON with its members in another order is the same request.
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8))
            let reordered = String(
                decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            let retry = try await client.create(reordered, key: "k1")
            #expect(retry.status == .created)
            #expect(retry.text == first.text)
            #expect(try await client.eventNames("acme-order-1") == ["CREATED"])

            try await client.create(EPaymentClient.createBody(reference: "acme-order-1", value: 100), key: "k1")
                .expectProblem(.conflict, code: 4020)
            try await client.create(EPaymentClient.createBody(reference: "acme-order-2"), key: "k1").expectProblem(
                .conflict, code: 4020)
            try await client.create(body, key: "k2").expectProblem(.conflict, code: 4150)

            _ = try await session.initiatePayment(orderId: "ecom-order-1", token: client.token)
            try await client.create(EPaymentClient.createBody(reference: "ecom-order-1"), key: "k3").expectProblem(
                .conflict, code: 4150)
            // The same key on another sales unit is another request.
            let danish = EPaymentClient(session: session, token: client.token, msn: Self.denmark)
            #expect(
                try await danish.create(
                    EPaymentClient.createBody(reference: "acme-order-1", currency: "DKK"), key: "k1"
                ).status == .created)
        }
    }

    @Test("create's validation: fields in one 400 without a code, then the rules with their codes")
    func createValidation() async throws {
        try await harness().run { session in
            let client = try await EPaymentClient.make(session)
            let empty = try await client.create("{}").expectProblem(.badRequest)
            let names = Set((empty["extraDetails"] as? [[String: String]] ?? []).compactMap { $0["name"] })
            #expect(names == ["amount", "paymentMethod", "reference", "userFlow"])
            #expect(empty["instance"] as? String == "/v1/payments")

            try await client.create(EPaymentClient.createBody(reference: "short")).expectProblem(
                .badRequest, field: "reference")
            try await client.create(EPaymentClient.createBody(reference: "acme-order-1", userFlow: "FAX"))
                .expectProblem(.badRequest, field: "userFlow")
            try await client.create(EPaymentClient.createBody(reference: "acme-order-1"), key: nil).expectProblem(
                .badRequest, field: "Idempotency-Key")
            try await client.create(
                EPaymentClient.createBody(reference: "acme-order-1"), key: String(repeating: "k", count: 51)
            )
            .expectProblem(.badRequest, field: "Idempotency-Key")
            try await client.create(EPaymentClient.createBody(reference: "acme-order-1", returnUrl: nil)).expectProblem(
                .badRequest, code: 4140)
            try await client.create(
                EPaymentClient.createBody(reference: "acme-order-1", returnUrl: "http://shop.test/r")
            ).expectProblem(.badRequest, code: 4090)
            try await client.create(EPaymentClient.createBody(reference: "acme-order-1", value: 99)).expectProblem(
                .badRequest, code: 6010)
            try await client.create(EPaymentClient.createBody(reference: "acme-order-1", value: 65_000_001))
                .expectProblem(.badRequest, field: "amount.value")
            try await client.create(EPaymentClient.createBody(reference: "acme-order-1", phone: "91234567"))
                .expectProblem(.badRequest, code: 4070)
            try await client.create(EPaymentClient.createBody(reference: "acme-order-1", phone: "4412345678"))
                .expectProblem(.badRequest, code: 4070)
            try await client.create(
                EPaymentClient.createBody(reference: "acme-order-1", userFlow: "PUSH_MESSAGE", phone: nil)
            ).expectProblem(.badRequest, code: 4140)
            try await client.create(
                EPaymentClient.createBody(reference: "acme-order-1", extra: #""profile":{"scope":"name shoeSize"}"#)
            )
            .expectProblem(.badRequest, code: 4080)
            let decimal = EPaymentClient.createBody(reference: "acme-order-1").replacingOccurrences(
                of: "49900", with: "499.5")
            try await client.create(decimal).expectProblem(.badRequest, code: 4040)
            // Custom schemes are allowed return URLs; a number is taken as the reference.
            #expect(
                try await client.create(
                    EPaymentClient.createBody(reference: "acme-order-2", returnUrl: "myshop://done")
                ).status == .created)
            let numeric = EPaymentClient.createBody(reference: "x").replacingOccurrences(
                of: #""reference":"x""#, with: #""reference":123456789012"#)
            #expect(try await client.create(numeric).status == .created)

            var headers = client.headers(key: "k")
            headers[.merchantSerialNumber] = nil
            let noMSN = try await session.send(
                .post, "/epayment/v1/payments", headers: headers,
                body: EPaymentClient.createBody(reference: "acme-order-3"))
            try noMSN.expectProblem(.badRequest, field: "Merchant-Serial-Number")
            headers[.merchantSerialNumber] = "999999"
            try await session.send(.get, "/epayment/v1/payments/acme-order-2", headers: headers).expectProblem(
                .forbidden)
            try await client.get("no-such-order").expectProblem(.notFound, code: 5090)
            // The gateway's checks come first, with the gateway's answer.
            #expect(try await session.send(.get, "/epayment/v1/payments/acme-order-2").status == .unauthorized)
        }
    }

    @Test("currencies per sales unit: NOK in Norway, DKK in Denmark, EUR in Finland (5040 otherwise, minimum 1)")
    func currencies() async throws {
        try await harness().run { session in
            let norway = try await EPaymentClient.make(session)
            let denmark = EPaymentClient(session: session, token: norway.token, msn: Self.denmark)
            let finland = EPaymentClient(session: session, token: norway.token, msn: Self.finland)
            try await norway.create(EPaymentClient.createBody(reference: "order-dkk-1", currency: "DKK")).expectProblem(
                .badRequest, code: 5040)
            try await denmark.create(EPaymentClient.createBody(reference: "order-nok-1")).expectProblem(
                .badRequest, code: 5040)
            #expect(
                try await denmark.create(
                    EPaymentClient.createBody(reference: "order-dkk-1", value: 1, currency: "DKK", phone: "4512345678")
                ).status == .created)
            #expect(
                try await finland.create(
                    EPaymentClient.createBody(
                        reference: "order-eur-1", value: 1, currency: "EUR", phone: "358401234567")
                ).status == .created)
            let aggregate = try #require(
                try await finland.get("order-eur-1").object()["aggregate"] as? [String: [String: Any]])
            #expect(aggregate["capturedAmount"]?["currency"] as? String == "EUR")
            #expect(try await finland.approve("order-eur-1").status == .ok)
            try await finland.modify("order-eur-1", "capture", value: 1, currency: "NOK").expectProblem(
                .badRequest, field: "modificationAmount.currency")
            #expect(try await finland.modify("order-eur-1", "capture", value: 1, currency: "EUR").status == .ok)
            // Another sales unit's reference is not found.
            try await norway.get("order-eur-1").expectProblem(.notFound, code: 5090)
        }
    }

    @Test("capture, refund, cancel after approval: aggregate and events as documented, retries and conflicts")
    func modifications() async throws {
        try await harness().run { session in
            let client = try await EPaymentClient.make(session)
            let landingToken = try await client.createPayment("acme-order-1", key: "create-1")
            try await client.modify("acme-order-1", "capture", value: 1000).expectProblem(.badRequest, code: 6080)
            try await client.modify("acme-order-1", "refund", value: 1000).expectProblem(.badRequest, code: 6020)
            try await client.approve("acme-order-1", body: #"{"token":"wrong"}"#).expectProblem(
                .badRequest, code: 10010)
            #expect(
                try await client.approve("acme-order-1", body: #"{"token":"\#(try #require(landingToken))"}"#).status
                    == .ok)
            try await client.approve("acme-order-1").expectProblem(.badRequest, code: 6230)
            #expect(try await client.snapshot("acme-order-1") == ("AUTHORIZED", [49900, 0, 0, 0]))

            let capture = try await client.modify("acme-order-1", "capture", value: 10000, key: "cap-1")
            #expect(capture.status == .ok, "\(capture.text)")
            let response = try capture.object()
            #expect(response["state"] as? String == "AUTHORIZED")
            #expect((response["amount"] as? [String: Any])?["value"] as? Int == 49900)
            #expect(((response["aggregate"] as? [String: [String: Any]])?["capturedAmount"])?["value"] as? Int == 10000)
            // A retry answers with the payment as it is and changes nothing; another body is 4010.
            #expect(try await client.modify("acme-order-1", "capture", value: 10000, key: "cap-1").status == .ok)
            try await client.modify("acme-order-1", "capture", value: 20000, key: "cap-1").expectProblem(
                .conflict, code: 4010)
            try await client.modify("acme-order-1", "capture", value: 40000).expectProblem(.badRequest, code: 6090)
            try await client.modify("acme-order-1", "capture", value: 0).expectProblem(.badRequest, code: 4040)
            try await client.modify("acme-order-1", "capture", body: "{}").expectProblem(
                .badRequest, field: "modificationAmount")
            try await client.modify("acme-order-1", "capture", value: 10000, key: nil).expectProblem(
                .badRequest, field: "Idempotency-Key")
            #expect(try await client.snapshot("acme-order-1") == ("AUTHORIZED", [49900, 0, 10000, 0]))

            #expect(try await client.modify("acme-order-1", "refund", value: 4000, key: "ref-1").status == .ok)
            try await client.modify("acme-order-1", "refund", value: 5000, key: "ref-1").expectProblem(
                .conflict, code: 4150)
            try await client.modify("acme-order-1", "refund", value: 6001).expectProblem(.badRequest, code: 6150)
            #expect(try await client.snapshot("acme-order-1") == ("AUTHORIZED", [49900, 0, 10000, 4000]))

            try await client.modify("acme-order-1", "cancel", body: #"{"cancelTransactionOnly":true}"#).expectProblem(
                .badRequest, code: 6060)
            #expect(try await client.modify("acme-order-1", "cancel", body: "", key: "can-1").status == .ok)
            #expect(try await client.snapshot("acme-order-1") == ("AUTHORIZED", [49900, 39900, 10000, 4000]))
            // {} is the empty cancel again; cancelTransactionOnly with that key is another request.
            #expect(try await client.modify("acme-order-1", "cancel", body: "{}", key: "can-1").status == .ok)
            try await client.modify("acme-order-1", "cancel", body: #"{"cancelTransactionOnly":true}"#, key: "can-1")
                .expectProblem(.conflict, code: 4020)
            try await client.modify("acme-order-1", "cancel", body: "{}").expectProblem(.badRequest, code: 6190)
            try await client.modify("acme-order-1", "capture", value: 100).expectProblem(.badRequest, code: 6070)
            // Captured money stays refundable after the cancel.
            #expect(try await client.modify("acme-order-1", "refund", value: 6000).status == .ok)
            try await client.modify("acme-order-1", "refund", value: 1).expectProblem(.badRequest, code: 6180)

            let events = try await client.events("acme-order-1")
            #expect(
                events.compactMap { $0["name"] as? String } == [
                    "CREATED", "AUTHORIZED", "CAPTURED", "REFUNDED", "CANCELLED", "REFUNDED",
                ])
            #expect(
                events.compactMap { ($0["amount"] as? [String: Any])?["value"] as? Int } == [
                    49900, 49900, 10000, 4000, 39900, 6000,
                ])
            #expect(
                events.prefix(5).map { $0["idempotencyKey"] as? String } == [
                    "create-1", "create-1", "cap-1", "ref-1", "can-1",
                ])
            #expect(events.dropFirst().allSatisfy { ($0["pspReference"] as? String)?.count == 10 })
        }
    }

    @Test("cancel before approval terminates; full capture cannot be cancelled; an unanswered payment expires")
    func endsOfPayments() async throws {
        let harness = harness()
        try await harness.run { session in
            let client = try await EPaymentClient.make(session)
            try await client.createPayment("order-terminated")
            #expect(
                try await client.modify(
                    "order-terminated", "cancel", body: #"{"cancelTransactionOnly":true}"#, key: "c1"
                ).status == .ok)
            #expect(try await client.snapshot("order-terminated") == ("TERMINATED", [0, 49900, 0, 0]))
            #expect(try await client.eventNames("order-terminated") == ["CREATED", "TERMINATED"])
            try await client.modify("order-terminated", "capture", value: 100).expectProblem(.badRequest, code: 6200)
            try await client.modify("order-terminated", "cancel", body: "{}").expectProblem(.badRequest, code: 6190)

            try await client.createPayment("order-captured", value: 1000)
            _ = try await client.approve("order-captured")
            #expect(try await client.modify("order-captured", "capture", value: 1000).status == .ok)
            try await client.modify("order-captured", "capture", value: 1).expectProblem(.badRequest, code: 6170)
            try await client.modify("order-captured", "cancel", body: "{}").expectProblem(.badRequest, code: 6040)

            try await client.createPayment("order-expired")
            harness.clock.advance(by: Payment.userLifetime)
            #expect(try await client.snapshot("order-expired") == ("EXPIRED", [0, 0, 0, 0]))
            let expired = try await client.events("order-expired")
            #expect(expired.compactMap { $0["name"] as? String } == ["CREATED", "EXPIRED"])
            try await client.modify("order-expired", "cancel", body: "{}").expectProblem(.badRequest, code: 6050)
            try await client.modify("order-expired", "refund", value: 100).expectProblem(.badRequest, code: 6210)
        }
    }

    @Test("WEB_REDIRECT: the customer approves on the landing page and the phone page, then goes back to returnUrl")
    func landingPage() async throws {
        try await harness().run { session in
            let client = try await EPaymentClient.make(session)
            let token = try #require(try await client.createPayment("acme-order-1"))
            let landing = LandingURL.path + "?v=2&token=" + token
            let page = try await session.send(.get, landing)
            #expect(page.status == .ok)
            #expect(
                page.text.contains(#"value="91234567""#), "the landing page is pre-filled with the customer's number")
            #expect(try await session.postForm(landing, [("phoneNumber", "91234567")]).status == .seeOther)
            #expect(try await session.send(.get, "/sim/v1/phone/91234567").text.contains("acme-order-1"))
            let approved = try await session.postForm(
                "/sim/v1/phone/91234567/approve",
                [("merchantSerialNumber", SimulatorHarness.msn), ("orderId", "acme-order-1")])
            #expect(approved.status == .seeOther)
            #expect(try await client.snapshot("acme-order-1") == ("AUTHORIZED", [49900, 0, 0, 0]))
            let back = try await session.send(.get, landing)
            #expect(back.status == .seeOther)
            #expect(back.headers[.location] == "https://shop.test/return?reference=r")
        }
    }

    @Test("PUSH_MESSAGE: only for allowed sales units, no redirectUrl, straight to the phone page; rejecting aborts")
    func pushMessage() async throws {
        let harness = harness()
        try await harness.run { session in
            let client = try await EPaymentClient.make(session)
            let body = EPaymentClient.createBody(reference: "pos-order-1", userFlow: "PUSH_MESSAGE", returnUrl: nil)
            try await client.create(body).expectProblem(.badRequest, code: 5080)
            harness.simulator.store.updateSettings(forMerchant: SimulatorHarness.msn) { $0.maySkipLandingPage = true }
            let created = try await client.create(body)
            #expect(created.status == .created)
            #expect(try created.object()["redirectUrl"] == nil)
            #expect(try await client.get("pos-order-1").object()["redirectUrl"] == nil)
            #expect(try await session.send(.get, "/sim/v1/phone/91234567").text.contains("pos-order-1"))
            let rejected = try await session.postForm(
                "/sim/v1/phone/91234567/reject",
                [("merchantSerialNumber", SimulatorHarness.msn), ("orderId", "pos-order-1")])
            #expect(rejected.status == .seeOther)
            #expect(try await client.snapshot("pos-order-1").state == "ABORTED")
            #expect(try await client.eventNames("pos-order-1") == ["CREATED", "ABORTED"])
        }
    }

    @Test("one store: an eCom payment is read, captured, refunded and cancelled through ePayment, and /details agrees")
    func eComPaymentThroughEPayment() async throws {
        try await harness().run { session in
            let client = try await EPaymentClient.make(session)
            let landingToken = try await session.initiatePayment(orderId: "ecom-1", token: client.token, amount: 20000)
            #expect(try await client.snapshot("ecom-1") == ("CREATED", [0, 0, 0, 0]))
            #expect(try await session.approve("ecom-1", token: client.token, landingToken: landingToken).status == .ok)
            #expect(try await client.snapshot("ecom-1") == ("AUTHORIZED", [20000, 0, 0, 0]))

            #expect(try await client.modify("ecom-1", "capture", value: 5000, key: "epay-cap-1").status == .ok)
            let details = try await session.details("ecom-1", token: client.token).object()
            let summary = try #require(details["transactionSummary"] as? [String: Any])
            #expect(summary["capturedAmount"] as? Int == 5000)
            #expect(summary["remainingAmountToCapture"] as? Int == 15000)
            let log = try #require(details["transactionLogHistory"] as? [[String: Any]])
            #expect(log.first?["operation"] as? String == "CAPTURE")
            #expect(log.first?["requestId"] as? String == "epay-cap-1")

            #expect(try await client.modify("ecom-1", "refund", value: 1000, key: "epay-ref-1").status == .ok)
            #expect(try await client.modify("ecom-1", "cancel", body: "{}", key: "epay-can-1").status == .ok)
            #expect(try await client.snapshot("ecom-1") == ("AUTHORIZED", [20000, 15000, 5000, 1000]))
            let after = try #require(
                try await session.details("ecom-1", token: client.token).object()["transactionSummary"]
                    as? [String: Any])
            #expect(after["remainingAmountToCapture"] as? Int == 0)
            #expect(after["refundedAmount"] as? Int == 1000)
            #expect(
                try await client.eventNames("ecom-1") == ["CREATED", "AUTHORIZED", "CAPTURED", "REFUNDED", "CANCELLED"])
            let events = try await client.events("ecom-1")
            #expect(events.first?["idempotencyKey"] is NSNull)
        }
    }

    @Test("faults and request routing reach the ePayment endpoints by name and reference")
    func faults() async throws {
        try await harness().run { session in
            let client = try await EPaymentClient.make(session)
            try await client.createPayment("acme-order-1")
            _ = try await session.addFaults(
                #"{"endpoint":"epayment-get","orderId":"acme-order-1","kind":"error-before","status":503}"#)
            try await client.get("acme-order-1").expectProblem(.serviceUnavailable, code: 3010)
            #expect(try await client.get("acme-order-1").status == .ok)
            _ = try await session.addFaults(
                #"{"endpoint":"epayment-create","orderId":"acme-order-2","kind":"error-before"}"#)
            try await client.create(EPaymentClient.createBody(reference: "acme-order-2")).expectProblem(
                .internalServerError, code: 3010)
            #expect(try await client.create(EPaymentClient.createBody(reference: "acme-order-2")).status == .created)
        }
        #expect(
            RequestTarget.identify(method: .post, path: "/epayment/v1/payments/r-1/capture")
                == RequestTarget(endpoint: .epaymentCapture, orderId: "r-1"))
        #expect(
            RequestTarget.identify(method: .post, path: "/epayment/v1/test/payments/r-1/approve")
                == RequestTarget(endpoint: .epaymentApprove, orderId: "r-1"))
        #expect(
            RequestTarget.identify(method: .get, path: "/epayment/v1/payments/r-1/events")
                == RequestTarget(endpoint: .epaymentEvents, orderId: "r-1"))
        #expect(RequestTarget.identify(method: .put, path: "/epayment/v1/payments/r-1/cancel") == nil)
    }

    @Test("the state file keeps ePayment payments (version 2) and still writes eCom-only state as version 1")
    func stateFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vipps-sim-epay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.json")
        let clock = ManualClock(startingAt: Date(timeIntervalSince1970: 1_750_000_000))
        let store = PaymentStore(merchantSerialNumbers: [SimulatorHarness.msn], clock: clock)
        try store.restore(from: StateFile(url: url))
        func version() throws -> Int? {
            try (JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])?["version"] as? Int
        }
        #expect(try version() == 1)
        let creation = try CreatePaymentValidator.validate(
            try JSONDecoder().decode(
                [String: JSONValue].self, from: Data(EPaymentClient.createBody(reference: "acme-order-1").utf8)),
            now: clock.now()
        )
        _ = try store.createEPayment(
            creation, merchantSerialNumber: SimulatorHarness.msn, idempotencyKey: "k1", body: "{}"
        ) { "https://sim.test/landing?token=\($0)" }
        _ = try store.modifyEPayment(reference: "acme-order-1", merchantSerialNumber: SimulatorHarness.msn) {
            payment, now, id throws(EPaymentProblem) in
            try payment.ePaymentCancel(transactionOnly: false, key: "c1", body: "{}", at: now, transactionId: id)
        }
        #expect(try version() == 2)
        let reloaded = PaymentStore(merchantSerialNumbers: [SimulatorHarness.msn], clock: clock)
        try reloaded.restore(from: StateFile(url: url))
        let before = try store.ePayment(reference: "acme-order-1", merchantSerialNumber: SimulatorHarness.msn)
        let after = try reloaded.ePayment(reference: "acme-order-1", merchantSerialNumber: SimulatorHarness.msn)
        #expect(after == before)
        #expect(after.ePayment?.createIdempotencyKey == "k1")
        #expect(after.ePaymentState == .terminated)
        // The cancel's key is remembered across the restart: a retry is still a retry.
        var copy = after
        #expect(throws: Never.self) {
            try copy.ePaymentCancel(transactionOnly: false, key: "c1", body: "{}", at: clock.now()) { "0000000000" }
        }
        #expect(copy == after)
    }
}
