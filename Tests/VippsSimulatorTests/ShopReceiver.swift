import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A stand-in for the shop: a real HTTP server on a free port that records every request the
/// simulator makes (callbacks, shipping details, consent removal) and answers as configured.
final class ShopReceiver: Sendable {
    struct Received: Sendable {
        let method: String
        let path: String
        let authorization: String?
        let body: String

        func object() throws -> [String: Any] {
            try #require(
                try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "not a JSON object: \(body)")
        }
    }

    /// The answer to `…/shippingDetails`; other requests get `status` and no body.
    let shippingAnswer: String?
    let status: HTTPResponse.Status
    /// Waits this long before answering (for the timeout test).
    let delay: Duration?
    private let requests = Mutex<[Received]>([])

    init(shippingAnswer: String? = nil, status: HTTPResponse.Status = .ok, delay: Duration? = nil) {
        self.shippingAnswer = shippingAnswer
        self.status = status
        self.delay = delay
    }

    var received: [Received] { requests.withLock { $0 } }

    fileprivate func record(_ request: Received) {
        requests.withLock { $0.append(request) }
    }

    /// Runs `body` with the receiver listening; `body` gets its base URL, e.g. `http://127.0.0.1:PORT`.
    func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let application = Application(
            responder: Responder(receiver: self),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        )
        try await application.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)")
        }
    }

    private struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let receiver: ShopReceiver

        func respond(to request: Request, context: Context) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            receiver.record(
                Received(
                    method: request.method.rawValue,
                    path: request.uri.path,
                    authorization: request.headers[.authorization],
                    body: String(buffer: body)
                )
            )
            if let delay = receiver.delay { try await Task.sleep(for: delay) }
            if request.uri.path.hasSuffix("/shippingDetails"), let answer = receiver.shippingAnswer {
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: answer)))
            }
            return Response(status: receiver.status)
        }
    }
}

extension SimulatorSession {
    /// `GET /sim/v1/callbacks`, after waiting (up to 10 s) until no call is under way and at least
    /// `count` attempts are recorded.
    func callbacks(orderId: String? = nil, atLeast count: Int = 1) async throws -> [[String: Any]] {
        let uri = "/sim/v1/callbacks" + (orderId.map { "?orderId=\($0)" } ?? "")
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let listing = try await send(.get, uri).object()
            let attempts = try #require(listing["callbacks"] as? [[String: Any]])
            if (listing["pending"] as? Int == 0 && attempts.count >= count) || ContinuousClock.now > deadline {
                return attempts
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Form post, as a browser sends it.
    func postForm(_ uri: String, _ fields: [(String, String)]) async throws -> Reply {
        let allowed = CharacterSet.alphanumerics
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(
            separator: "&")
        return try await send(.post, uri, headers: [.contentType: "application/x-www-form-urlencoded"], body: body)
    }

    /// Initiates a payment whose callbacks go to `shop`, and returns the landing URL's path and query.
    func initiateForShop(_ shop: String, orderId: String, token: String, amount: Int = 20000, edits: [JSONEdit] = [])
        async throws -> String
    {
        let reply = try await initiate(
            InitiateBody.json(
                orderId: orderId, amount: amount,
                edits: [JSONEdit("merchantInfo.callbackPrefix", .string(shop + "/vipps"))] + edits),
            token: token
        )
        #expect(reply.status == .ok, "\(reply.text)")
        let url = try #require(try reply.object()["url"] as? String)
        return String(try #require(url.range(of: "/dwo-api-application").map { url[$0.lowerBound...] }))
    }
}
