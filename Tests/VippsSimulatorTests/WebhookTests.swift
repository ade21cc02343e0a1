import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import VippsSimulator

/// A webhook receiver: a real HTTP server on loopback that answers with the statuses it is given,
/// in turn (200 once they are used up), and records every request with its signature headers.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        let pathAndQuery: String
        let headers: [String: String]
        let body: [UInt8]

        var name: String? {
            (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["name"] as? String
        }
    }

    private let answers: Mutex<[Int]>
    private let requests = Mutex<[Received]>([])

    init(answers: [Int] = []) { self.answers = Mutex(answers) }

    var received: [Received] { requests.withLock { $0 } }

    func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let application = Application(
            responder: Responder(receiver: self),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))")
        }
    }

    /// Waits (up to 10 s) until `count` requests have arrived.
    func waitFor(_ count: Int) async throws -> [Received] {
        let deadline = ContinuousClock.now + .seconds(10)
        while received.count < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        return received
    }

    private struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let receiver: WebhookReceiver

        func respond(to request: Request, context: Context) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            // Lowercased: HTTP header names are case-insensitive.
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            receiver.requests.withLock {
                $0.append(Received(pathAndQuery: request.uri.description, headers: headers, body: Array(buffer: body)))
            }
            let status = receiver.answers.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
            return Response(status: HTTPResponse.Status(code: status))
        }
    }
}

extension EPaymentClient {
    func registerWebhook(url: String, events: [String]) async throws -> Reply {
        let body = String(
            decoding: try JSONSerialization.data(withJSONObject: ["url": url, "events": events]), as: UTF8.self)
        return try await session.send(.post, "/webhooks/v1/webhooks", headers: headers(key: nil), body: body)
    }
}

extension SimulatorSession {
    /// `GET /sim/v1/webhooks?reference=`, once no delivery of that payment is waiting for an answer
    /// (up to 10 s): a receiver has the request a moment before the simulator records its answer.
    func settledWebhooks(reference: String) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let report = try await send(.get, "/sim/v1/webhooks?reference=\(reference)").object()
            if report["pending"] as? Int == 0 || ContinuousClock.now > deadline { return report }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

@Suite struct WebhookTests {
    static let created = "epayments.payment.created.v1"
    static let authorized = "epayments.payment.authorized.v1"
    static let captured = "epayments.payment.captured.v1"

    @Test func registerListAndDelete() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            let reply = try await client.registerWebhook(url: "http://127.0.0.1:9/hook?x=1", events: [Self.created])
            #expect(reply.status == .created, "\(reply.text)")
            let id = try #require(try reply.object()["id"] as? String)
            let secret = try #require(try reply.object()["secret"] as? String)
            #expect(UUID(uuidString: id) != nil)
            #expect(secret.count == 88)

            let list = try await session.send(.get, "/webhooks/v1/webhooks", headers: client.headers(key: nil))
            #expect(list.status == .ok)
            #expect(list.text.contains(id) && list.text.contains("http://127.0.0.1:9/hook?x=1"))
            #expect(!list.text.contains(secret) && !list.text.contains("secret"))
            let control = try await session.send(.get, "/sim/v1/webhooks")
            #expect(control.text.contains(id) && !control.text.contains(secret))

            let path = "/webhooks/v1/webhooks/\(id)"
            #expect(try await session.send(.delete, path, headers: client.headers(key: nil)).status == .noContent)
            #expect(try await session.send(.delete, path, headers: client.headers(key: nil)).status == .notFound)
            let empty = try await session.send(.get, "/webhooks/v1/webhooks", headers: client.headers(key: nil))
            #expect(try empty.object()["webhooks"] as? [Any] != nil && !empty.text.contains(id))
            let unauthenticated = try await session.send(.get, "/webhooks/v1/webhooks")
            #expect(unauthenticated.status == .unauthorized)
        }
    }

    @Test func registrationIsValidated() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            for (url, events, field) in [
                ("http://shop.example/hook", [Self.created], "url"),
                // Names that only start like a loopback address reach other hosts.
                ("http://127.0.0.1.example/hook", [Self.created], "url"),
                ("http://127.evil.example/hook", [Self.created], "url"),
                ("http://localhost.example/hook", [Self.created], "url"),
                ("/relative", [Self.created], "url"),
                ("https://shop.example/hook", [], "events"),
                ("https://shop.example/hook", ["epayments.payment.paid.v1"], "events"),
            ] {
                let reply = try await client.registerWebhook(url: url, events: events)
                #expect(reply.status == .badRequest, "\(url) \(events)")
                #expect(reply.headers[.contentType] == "application/problem+json")
                #expect(reply.text.contains(#""name":"\#(field)""#), "\(reply.text)")
            }
            let extra = try await session.send(
                .post, "/webhooks/v1/webhooks", headers: client.headers(key: nil),
                body: #"{"url":"https://shop.example/h","events":["\#(Self.created)"],"secret":"x"}"#)
            #expect(extra.status == .badRequest && extra.text.contains(#""name":"secret""#))

            // Vipps' own rule on request: https, and only the common ports.
            _ = try await session.send(.post, "/sim/v1/webhooks/settings", body: #"{"strictURLs":true}"#)
            #expect(
                try await client.registerWebhook(url: "http://127.0.0.1:8080/h", events: [Self.created]).status
                    == .badRequest)
            #expect(
                try await client.registerWebhook(url: "https://shop.example:8443/h", events: [Self.created]).status
                    == .badRequest)
            #expect(
                try await client.registerWebhook(url: "https://shop.example:8080/h", events: [Self.created]).status
                    == .created)
        }
    }

    @Test func faultsReachTheWebhooksAndUserinfoEndpoints() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            let faults = try await session.send(
                .post, "/sim/v1/faults",
                body:
                    #"[{"endpoint":"webhooks-register","kind":"error-before"},{"endpoint":"userinfo","kind":"error-before"}]"#
            )
            #expect(faults.status == .ok, "\(faults.text)")
            let register = try await client.registerWebhook(url: "https://shop.example/h", events: [Self.created])
            #expect(register.status == .internalServerError)
            #expect(register.headers[.contentType] == "application/problem+json")
            let list = try await session.send(.get, "/webhooks/v1/webhooks", headers: client.headers(key: nil))
            #expect(try list.object()["webhooks"] as? [Any] != nil && !list.text.contains("shop.example"))
            let userinfo = try await session.send(
                .get, "/vipps-userinfo-api/userinfo/\(UUID().uuidString)", headers: client.headers(key: nil))
            #expect(userinfo.status == .internalServerError)
            #expect(try userinfo.object()["status"] as? String == "500")
        }
    }

    @Test func resendOriginalSignatureAndDeletionDropsWhatWaits() async throws {
        let harness = SimulatorHarness()
        let receiver = WebhookReceiver(answers: [500, 500, 500])
        try await receiver.run { base in
            try await harness.run { session in
                let client = try await EPaymentClient.make(session)
                _ = try await session.send(
                    .post, "/sim/v1/webhooks/settings", body: #"{"resendOriginalSignature":true}"#)
                let registered = try await client.registerWebhook(url: base + "/h", events: [Self.created])
                let id = try #require(try registered.object()["id"] as? String)
                try await client.createPayment("webhook-resend-1")
                _ = try await receiver.waitFor(1)
                harness.clock.advance(by: 2)
                let received = try await receiver.waitFor(2)
                #expect(received.count == 2)
                #expect(received[0].headers["x-ms-date"] == received[1].headers["x-ms-date"])
                #expect(received[0].headers["authorization"] == received[1].headers["authorization"])

                let deleted = try await session.send(
                    .delete, "/webhooks/v1/webhooks/\(id)", headers: client.headers(key: nil))
                #expect(deleted.status == .noContent)
                harness.clock.advance(by: 3600)
                try await Task.sleep(for: .milliseconds(200))
                #expect(receiver.received.count == 2, "nothing is sent for a deleted registration")
                let report = try await session.send(.get, "/sim/v1/webhooks").object()
                let delivery = try #require((report["deliveries"] as? [[String: Any]])?.first)
                #expect(delivery["outcome"] as? String == "dropped")
                #expect(delivery["dropReason"] as? String == "registration deleted")
            }
        }
    }

    @Test func eComPaymentsOnlyWhenSwitchedOn() async throws {
        let harness = SimulatorHarness()
        let receiver = WebhookReceiver()
        try await receiver.run { base in
            try await harness.run { session in
                let client = try await EPaymentClient.make(session)
                _ = try await client.registerWebhook(url: base + "/h", events: [Self.created, Self.authorized])
                let token = try await session.fetchToken()
                _ = try await session.initiatePayment(orderId: "ecom-hook-1", token: token)
                try await Task.sleep(for: .milliseconds(200))
                #expect(receiver.received.isEmpty, "no webhooks for eCom payments by default")
                _ = try await session.send(.post, "/sim/v1/webhooks/settings", body: #"{"eComPayments":true}"#)
                _ = try await session.initiatePayment(orderId: "ecom-hook-2", token: token)
                // Both: switched on, the events since the registration go out, the earlier payment's too.
                let received = try await receiver.waitFor(2)
                let references = received.compactMap {
                    (try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any])?["reference"] as? String
                }
                #expect(Set(references) == ["ecom-hook-1", "ecom-hook-2"], "\(references)")
            }
        }
    }

    @Test func atMost25RegistrationsPerEventType() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            for number in 1...25 {
                let reply = try await client.registerWebhook(
                    url: "https://shop.example/\(number)", events: [Self.created, Self.captured])
                #expect(reply.status == .created)
            }
            let refused = try await client.registerWebhook(url: "https://shop.example/26", events: [Self.created])
            #expect(refused.status == .badRequest && refused.text.contains(Self.created), "\(refused.text)")
            let other = try await client.registerWebhook(url: "https://shop.example/26", events: [Self.authorized])
            #expect(other.status == .created)
        }
    }

    /// The receiver fails twice: the event comes three times, each signed anew, and the next event of
    /// the payment only after the success.
    @Test func retriesOnTheSimulatedClockAndHoldsLaterEventsBack() async throws {
        let harness = SimulatorHarness()
        let receiver = WebhookReceiver(answers: [500, 500])
        try await receiver.run { base in
            try await harness.run { session in
                let client = try await EPaymentClient.make(session)
                let url = base + "/vipps/webhooks?shop=1"
                let registered = try await client.registerWebhook(url: url, events: [Self.created, Self.authorized])
                let secret = try #require(try registered.object()["secret"] as? String)
                let reference = "webhook-retry-1"
                try await client.createPayment(reference)
                _ = try await receiver.waitFor(1)
                #expect(try await client.approve(reference).status == .ok)
                try await Task.sleep(for: .milliseconds(200))
                #expect(receiver.received.count == 1, "the second attempt waits for the simulated clock")

                harness.clock.advance(by: 2)
                _ = try await receiver.waitFor(2)
                try await Task.sleep(for: .milliseconds(200))
                #expect(receiver.received.count == 2, "AUTHORIZED must wait behind the failing CREATED")

                harness.clock.advance(by: 58)
                let received = try await receiver.waitFor(4)
                #expect(received.map(\.name) == ["CREATED", "CREATED", "CREATED", "AUTHORIZED"])
                for request in received {
                    #expect(request.pathAndQuery == "/vipps/webhooks?shop=1")
                    let date = try #require(request.headers["x-ms-date"])
                    let signature = try #require(
                        WebhookSignature(secret: secret, url: url, date: date, body: request.body))
                    #expect(request.headers["x-ms-content-sha256"] == signature.contentHash)
                    #expect(request.headers["authorization"] == signature.authorization)
                    #expect(request.headers["x-vipps-authorization"] == signature.authorization)
                }
                #expect(Set(received.prefix(3).compactMap { $0.headers["x-ms-date"] }).count == 3, "re-signed")

                let report = try await session.settledWebhooks(reference: reference)
                let deliveries = try #require(report["deliveries"] as? [[String: Any]])
                #expect(deliveries.map { $0["outcome"] as? String } == ["delivered", "delivered"])
                let attempts = try #require(deliveries.first?["attempts"] as? [[String: Any]])
                #expect(attempts.map { $0["status"] as? Int } == [500, 500, 200])
                #expect(attempts.first?["nextAttemptAt"] as? String != nil)
                #expect(attempts.last.map { $0["nextAttemptAt"] == nil } == true, "no retry after the 200")
                #expect(!(try await session.send(.get, "/sim/v1/webhooks").text.contains(secret)))
            }
        }
    }

    @Test func dropDuplicateAndOutOfOrderFaults() async throws {
        let harness = SimulatorHarness()
        let receiver = WebhookReceiver(answers: [500])
        try await receiver.run { base in
            try await harness.run { session in
                let client = try await EPaymentClient.make(session)
                _ = try await client.registerWebhook(url: base + "/h", events: [Self.created, Self.authorized])
                _ = try await session.send(.post, "/sim/v1/webhooks/faults", body: #"{"outOfOrder":true}"#)
                try await client.createPayment("webhook-order-1")
                _ = try await receiver.waitFor(1)
                #expect(try await client.approve("webhook-order-1").status == .ok)
                // CREATED failed; with the switch on, AUTHORIZED overtakes it before any retry.
                #expect(try await receiver.waitFor(2).map(\.name) == ["CREATED", "AUTHORIZED"])
                harness.clock.advance(by: 2)
                #expect(try await receiver.waitFor(3).map(\.name) == ["CREATED", "AUTHORIZED", "CREATED"])

                _ = try await session.send(
                    .post, "/sim/v1/webhooks/faults", body: #"{"outOfOrder":false,"drop":1,"duplicate":1}"#)
                try await client.createPayment("webhook-faults-1")
                #expect(try await client.approve("webhook-faults-1").status == .ok)
                let received = try await receiver.waitFor(5)
                #expect(received.dropFirst(3).map(\.name) == ["AUTHORIZED", "AUTHORIZED"], "CREATED dropped")
                let report = try await session.settledWebhooks(reference: "webhook-faults-1")
                let outcomes = try #require(report["deliveries"] as? [[String: Any]]).map { $0["outcome"] as? String }
                #expect(outcomes == ["dropped", "delivered", "delivered"])
            }
        }
    }

    @Test func eventsBeforeTheRegistrationAndOfOtherTypesAreNotSent() async throws {
        let harness = SimulatorHarness()
        let receiver = WebhookReceiver()
        try await receiver.run { base in
            try await harness.run { session in
                let client = try await EPaymentClient.make(session)
                try await client.createPayment("webhook-before-1")
                harness.clock.advance(by: 1)
                _ = try await client.registerWebhook(url: base + "/h", events: [Self.authorized])
                try await client.createPayment("webhook-after-1")
                #expect(try await client.approve("webhook-before-1").status == .ok)
                let received = try await receiver.waitFor(1)
                try await Task.sleep(for: .milliseconds(200))
                #expect(received.count == 1 && receiver.received.count == 1)
                let body = try #require(
                    try JSONSerialization.jsonObject(with: Data(received[0].body)) as? [String: Any])
                #expect(body["reference"] as? String == "webhook-before-1")
                #expect(body["name"] as? String == "AUTHORIZED")
                #expect(body["msn"] as? String == SimulatorHarness.msn)
                #expect((body["amount"] as? [String: Any])?["value"] as? Int == 49900)
                #expect(body["success"] as? Bool == true)
            }
        }
    }
}
