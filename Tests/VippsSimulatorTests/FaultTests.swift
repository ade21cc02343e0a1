import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import VippsSimulator

@Suite("Fault injection (/sim/v1/faults)")
struct FaultTests {
    private func injected(_ session: SimulatorSession) async throws -> [String: Int] {
        try #require(try await session.send(.get, "/sim/v1/faults").object()["injected"] as? [String: Int])
    }

    @Test("error-before: the status asked for with the VippsError 99 array; nothing is applied")
    func errorBefore() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token)
            try await session.addFaults(#"{"endpoint":"capture","kind":"error-before"}"#)
            try await session.capture("order-1", token: token, amount: 1000, requestID: "k")
                .expectBackendError(.internalServerError, group: "VippsError", code: "99")
            #expect(try await session.ledger("order-1")["captured"] as? Int == 0)
            // Used up: the retry goes through and is the first capture.
            #expect(try await session.capture("order-1", token: token, amount: 1000, requestID: "k").status == .ok)
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE"])

            try await session.addFaults(#"{"endpoint":"refund","kind":"error-before","status":503}"#)
            try await session.refund("order-1", token: token, amount: nil).expectBackendError(
                .serviceUnavailable, group: "VippsError", code: "99")
            #expect(try await session.ledger("order-1")["refunded"] as? Int == 0)
        }
        #expect(
            harness.log.all.contains {
                $0.hasPrefix("POST /ecomm/v2/payments/order-1/capture 500 ") && $0.hasSuffix(" fault=error-before")
            })
    }

    @Test("error-after: the operation is applied, the answer is 500/99; an idempotent retry then gets the real answer")
    func errorAfter() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            try await session.addFaults(#"[{"endpoint":"capture","orderId":"order-1","kind":"error-after"}]"#)
            try await session.capture("order-1", token: token, amount: 5000, requestID: "ambiguous")
                .expectBackendError(.internalServerError, group: "VippsError", code: "99")
            #expect(try await session.ledger("order-1")["captured"] as? Int == 5000)
            let retry = try await session.capture("order-1", token: token, amount: 5000, requestID: "ambiguous")
            #expect(retry.status == .ok)
            #expect(try retry.summary() == [5000, 15000, 0, 5000])
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE", "CAPTURE"])
            #expect(
                try await session.ledger("order-1")["requests"] as? [String: Int] == [
                    "capture": 2, "refund": 0, "cancel": 0,
                ])
        }
    }

    @Test("drop-before: no answer at all (the client's request fails); nothing is applied")
    func dropBefore() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token)
            try await session.addFaults(#"{"endpoint":"cancel","kind":"drop-before"}"#)
            await #expect(throws: (any Error).self) {
                _ = try await session.client.execute(
                    uri: "/ecomm/v2/payments/order-1/cancel", method: .put,
                    headers: SimulatorSession.apiHeaders(token: token),
                    body: ByteBuffer(string: SimulatorSession.cancelBody()))
            }
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE"])
            #expect(try await session.cancel("order-1", token: token).status == .ok)
        }
        #expect(
            harness.log.all.contains {
                $0.hasPrefix("PUT /ecomm/v2/payments/order-1/cancel 000 ") && $0.hasSuffix(" fault=drop-before")
            })
    }

    @Test("drop-after: no answer, but the operation is applied")
    func dropAfter() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token, amount: 20000)
            try await session.addFaults(#"{"endpoint":"refund","kind":"drop-after"}"#)
            #expect(try await session.capture("order-1", token: token, amount: nil).status == .ok)
            await #expect(throws: (any Error).self) {
                _ = try await session.client.execute(
                    uri: "/ecomm/v2/payments/order-1/refund", method: .post,
                    headers: SimulatorSession.apiHeaders(token: token, requestID: "lost"),
                    body: ByteBuffer(string: SimulatorSession.actionBody(amount: 7000, text: "Refund of Vipps socks")))
            }
            #expect(try await session.ledger("order-1")["refunded"] as? Int == 7000)
            #expect(
                try await session.refund("order-1", token: token, amount: 7000, requestID: "lost").summary() == [
                    20000, 0, 7000, 13000,
                ])
        }
    }

    @Test("latency: the answer comes after delayMs of real time, normally")
    func latency() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token)
            try await session.addFaults(#"{"endpoint":"details","kind":"latency","delayMs":300}"#)
            let started = ContinuousClock.now
            #expect(try await session.details("order-1", token: token).status == .ok)
            #expect(started.duration(to: .now) >= .milliseconds(300))
            let again = ContinuousClock.now
            #expect(try await session.details("order-1", token: token).status == .ok)
            #expect(again.duration(to: .now) < .milliseconds(300))
        }
    }

    @Test("latency combines with another fault: slow, then dropped")
    func latencyAndDrop() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            try await session.addFaults(
                #"[{"endpoint":"any","kind":"latency","delayMs":50},{"endpoint":"details","kind":"error-after"}]"#)
            try await session.details("x", token: token).expectBackendError(
                .internalServerError, group: "VippsError", code: "99")
            #expect(try await injected(session)["latency"] == 1)
            #expect(try await injected(session)["error-after"] == 1)
        }
        #expect(harness.log.all.contains { $0.hasSuffix(" fault=latency,error-after") })
    }

    @Test("rate-limit: 429, Retry-After, VippsError 98; not applied")
    func rateLimit() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.addFaults(
                #"[{"endpoint":"initiate","kind":"rate-limit","retryAfter":7},{"endpoint":"token","kind":"rate-limit"}]"#
            )
            let reply = try await session.initiate(InitiateBody.json(orderId: "order-1"), token: token)
            try reply.expectBackendError(.tooManyRequests, group: "VippsError", code: "98")
            #expect(reply.headers[.retryAfter] == "7")
            try await session.details("order-1", token: token).expectBackendError(
                .notFound, group: "Merchant", code: "35")

            let tokenReply = try await session.send(.post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders())
            #expect(tokenReply.status == .tooManyRequests)
            #expect(tokenReply.headers[.retryAfter] == "1")
        }
    }

    /// A `respond` fault's reply: one of the shapes Vipps (or what is in front of it) answers with.
    struct RespondCase: Sendable, CustomTestStringConvertible {
        let status: Int
        let body: String
        let contentType: String?
        var testDescription: String { "\(status) \(body.prefix(30))" }
    }

    @Test(
        "respond: exactly the status, body and content type given",
        arguments: [
            RespondCase(
                status: 401, body: #"{"statusCode":401,"message":"Access denied due to invalid subscription key."}"#,
                contentType: nil),
            RespondCase(
                status: 200, body: #"[{"errorGroup":"Payment","errorCode":"42","errorMessage":"Refused by issuer"}]"#,
                contentType: nil),
            RespondCase(
                status: 400,
                body: #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret."}"#,
                contentType: nil),
            RespondCase(status: 502, body: "<html><body>Bad Gateway</body></html>", contentType: "text/html"),
            RespondCase(status: 200, body: "", contentType: "text/plain"),
        ])
    func respond(_ respondCase: RespondCase) async throws {
        let (status, body, contentType) = (respondCase.status, respondCase.body, respondCase.contentType)
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.reservedPayment(orderId: "order-1", token: token)
            var fault: [String: Any] = ["endpoint": "capture", "kind": "respond", "status": status, "body": body]
            fault["contentType"] = contentType
            try await session.addFaults(SimulatorSession.json(fault))
            let reply = try await session.capture("order-1", token: token, amount: nil)
            #expect(reply.status.code == status)
            #expect(reply.text == body)
            #expect(reply.headers[.contentType] == contentType ?? "application/json;charset=UTF-8")
            #expect(try await session.ledger("order-1")["captured"] as? Int == 0)
        }
    }

    @Test("count, orderId filter and endpoint any; the control API is never faulted; GET lists what remains")
    func matchingAndCounting() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token)
            _ = try await session.initiatePayment(orderId: "order-2", token: token)
            let created = try await session.addFaults(
                #"[{"endpoint":"any","orderId":"order-2","kind":"error-before","status":502,"count":3},{"endpoint":"status","kind":"error-before"}]"#
            )
            let faults = try #require(try created.object()["faults"] as? [[String: Any]])
            #expect(faults.count == 2)
            #expect(faults[0]["id"] as? Int == 1 && faults[1]["id"] as? Int == 2)
            #expect(faults[0]["remaining"] as? Int == 3)
            #expect(faults[0]["status"] as? Int == 502)
            #expect(faults[0]["orderId"] as? String == "order-2")
            #expect(faults[0]["endpoint"] as? String == "any")
            #expect(faults[1]["status"] as? Int == 500)

            #expect(try await session.details("order-1", token: token).status == .ok)
            #expect(try await session.send(.get, "/sim/v1/payments/order-2").status == .ok)
            #expect(try await session.details("order-2", token: token).status == .badGateway)
            #expect(try await session.status("order-2", token: token).status == .badGateway)

            let listing = try await session.send(.get, "/sim/v1/faults").object()
            let remaining = try #require(listing["faults"] as? [[String: Any]])
            #expect(remaining.map { $0["remaining"] as? Int } == [1, 1])
            #expect(listing["random"] is NSNull)
            #expect(
                try await injected(session) == [
                    "error-before": 2, "error-after": 0, "drop-before": 0, "drop-after": 0, "latency": 0,
                    "rate-limit": 0, "respond": 0,
                ])

            #expect(try await session.status("order-1", token: token).status == .internalServerError)
            #expect(try await session.cancel("order-2", token: token).status == .badGateway)
            let empty = try await session.send(.get, "/sim/v1/faults").object()
            #expect((empty["faults"] as? [Any])?.isEmpty == true)
            #expect(try await injected(session)["error-before"] == 4)
            #expect(try await session.cancel("order-2", token: token).status == .ok)
        }
    }

    @Test("an initiate fault with an orderId matches the orderId in the body")
    func initiateOrderId() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            try await session.addFaults(#"{"endpoint":"initiate","orderId":"order-2","kind":"error-after"}"#)
            #expect(try await session.initiate(InitiateBody.json(orderId: "order-1"), token: token).status == .ok)
            #expect(
                try await session.initiate(InitiateBody.json(orderId: "order-2"), token: token).status
                    == .internalServerError)
            // Applied: the orderId is taken now.
            try await session.initiate(InitiateBody.json(orderId: "order-2"), token: token).expectBackendError(
                .badRequest, group: "Merchant", code: "34")
        }
    }

    @Test("approve and token endpoints can be faulted")
    func approveAndToken() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landingToken = try await session.initiatePayment(orderId: "order-1", token: token)
            try await session.addFaults(
                #"[{"endpoint":"approve","kind":"error-after"},{"endpoint":"token","kind":"error-before"}]"#)
            #expect(
                try await session.approve("order-1", token: token, landingToken: landingToken).status
                    == .internalServerError)
            #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE"])
            let tokenReply = try await session.send(.post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders())
            try tokenReply.expectBackendError(.internalServerError, group: "VippsError", code: "99")
        }
    }

    @Test("DELETE clears faults, random mode and counters; reset does too")
    func clear() async throws {
        try await SimulatorHarness().run { session in
            try await session.addFaults(#"{"endpoint":"details","kind":"error-before","count":5}"#)
            #expect(
                try await session.send(.post, "/sim/v1/faults/random", body: #"{"seed":1,"probability":1}"#).status
                    == .ok)
            #expect(
                try await session.send(.post, "/accesstoken/get", headers: SimulatorSession.tokenHeaders()).status
                    != .ok)
            #expect(try await session.send(.delete, "/sim/v1/faults").status == .ok)
            let listing = try await session.send(.get, "/sim/v1/faults").object()
            #expect((listing["faults"] as? [Any])?.isEmpty == true)
            #expect(listing["random"] is NSNull)
            #expect(try await injected(session).values.allSatisfy { $0 == 0 })
            _ = try await session.fetchToken()

            try await session.addFaults(#"{"endpoint":"details","kind":"error-before"}"#)
            #expect(try await session.send(.post, "/sim/v1/reset").status == .ok)
            #expect((try await session.send(.get, "/sim/v1/faults").object()["faults"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(
        "bad fault specifications are refused with 400 {\"error\"} and schedule nothing",
        arguments: [
            #"{"kind":"error-before"}"#,
            #"{"endpoint":"capture"}"#,
            #"{"endpoint":"captures","kind":"error-before"}"#,
            #"{"endpoint":"capture","kind":"explode"}"#,
            #"{"endpoint":"capture","kind":"error-before","status":200}"#,
            #"{"endpoint":"capture","kind":"error-before","count":0}"#,
            #"{"endpoint":"capture","kind":"respond","status":200}"#,
            #"{"endpoint":"capture","kind":"respond","body":"x"}"#,
            #"{"endpoint":"capture","kind":"latency","delayMs":-1}"#,
            #"{"endpoint":"token","orderId":"o","kind":"error-before"}"#,
            #"{"endpoint":"capture","orderId":"","kind":"error-before"}"#,
            #"[{"endpoint":"capture","kind":"error-before"},{"endpoint":"nope","kind":"error-before"}]"#,
            #"{"endpoint":"capture","kind":"error-before","count":"two"}"#,
            #""capture""#,
            "not json",
        ])
    func invalidFaults(_ body: String) async throws {
        try await SimulatorHarness().run { session in
            let reply = try await session.send(.post, "/sim/v1/faults", body: body)
            #expect(reply.status == .badRequest)
            #expect(try reply.object()["error"] is String)
            #expect((try await session.send(.get, "/sim/v1/faults").object()["faults"] as? [Any])?.isEmpty == true)
        }
    }

    /// Runs `count` details requests under random mode and returns their statuses.
    private func randomRun(seed: Int, count: Int = 40) async throws -> [UInt] {
        let harness = SimulatorHarness()
        return try await harness.runReturning { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token)
            let mode = try await session.send(
                .post, "/sim/v1/faults/random",
                body:
                    #"{"seed":\#(seed),"probability":0.5,"kinds":["error-before","rate-limit"],"endpoints":["details"],"status":503}"#
            )
            #expect(mode.status == .ok, "\(mode.text)")
            var statuses: [UInt] = []
            for _ in 0..<count {
                statuses.append(UInt(try await session.details("order-1", token: token).status.code))
            }
            let random = try #require(
                try await session.send(.get, "/sim/v1/faults").object()["random"] as? [String: Any])
            #expect(random["injected"] as? Int == statuses.filter { $0 != 200 }.count)
            #expect(random["seed"] as? Int == seed)
            return statuses
        }
    }

    @Test("random mode repeats exactly for the same seed, differs for another, and uses the kinds asked for")
    func randomReproducible() async throws {
        let first = try await randomRun(seed: 42)
        let second = try await randomRun(seed: 42)
        let other = try await randomRun(seed: 7)
        #expect(first == second)
        #expect(first != other)
        #expect(Set(first) == [200, 503, 429])
        // Probability 0.5 over 40 requests: far from none and from all.
        #expect((8...32).contains(first.filter { $0 != 200 }.count))
    }

    @Test("random mode: probability 0 never, 1 always; count caps it; endpoints filter; explicit faults win")
    func randomBounds() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(orderId: "order-1", token: token)
            #expect(
                try await session.send(.post, "/sim/v1/faults/random", body: #"{"seed":3,"probability":0}"#).status
                    == .ok)
            for _ in 0..<10 { #expect(try await session.details("order-1", token: token).status == .ok) }

            let always =
                #"{"seed":3,"probability":1,"kinds":["respond"],"status":418,"body":"teapot","endpoints":["details"],"count":3}"#
            #expect(try await session.send(.post, "/sim/v1/faults/random", body: always).status == .ok)
            try await session.addFaults(#"{"endpoint":"details","kind":"error-before"}"#)
            #expect(try await session.details("order-1", token: token).status == .internalServerError)
            for _ in 0..<3 { #expect(try await session.details("order-1", token: token).status.code == 418) }
            #expect(try await session.details("order-1", token: token).status == .ok)
            #expect(try await session.status("order-1", token: token).status == .ok)
            #expect(try await session.send(.get, "/sim/v1/health").status == .ok)

            for body in [
                #"{"probability":0.1}"#, #"{"seed":1}"#, #"{"seed":1,"probability":2}"#,
                #"{"seed":1,"probability":1,"kinds":["respond"]}"#,
                #"{"seed":1,"probability":1,"kinds":[]}"#, #"{"seed":-1,"probability":1}"#,
            ] {
                #expect(
                    try await session.send(.post, "/sim/v1/faults/random", body: body).status == .badRequest, "\(body)")
            }
        }
    }
}

extension SimulatorHarness {
    /// `run` for a body that returns a value.
    func runReturning<Value: Sendable>(_ body: @Sendable (SimulatorSession) async throws -> Value) async throws -> Value
    {
        let result = Mutex<Value?>(nil)
        try await run { session in
            let value = try await body(session)
            result.withLock { $0 = value }
        }
        return try #require(result.withLock { $0 })
    }
}
