import Synchronization
import Testing
import VippsHTTP

@testable import VippsCore

/// A transport that answers from a script, in order, and records what was sent: the retry and
/// outcome rules driven through a real `VippsClient` without a server.
final class ScriptedTransport: HTTPTransport {
    enum Reply: Sendable {
        case answer(Int, String, contentType: String = "application/json")
        case failure(HTTPError)
    }

    struct Sent: Sendable {
        var method: String
        var path: String
        var requestId: String?
        var body: String = ""
    }

    private struct State {
        var replies: [(String, Reply)]
        var sent: [Sent] = []
    }

    private let state: Mutex<State>

    /// `replies`: for each request, the start of the path it must go to and the reply.
    init(_ replies: [(String, Reply)]) {
        state = Mutex(State(replies: replies))
    }

    var sent: [Sent] { state.withLock { $0.sent } }
    var unused: Int { state.withLock { $0.replies.count } }

    func send(_ request: HTTPRequest, to endpoint: HTTPEndpoint, timeouts: HTTPTimeouts) throws(HTTPError)
        -> HTTPResponse
    {
        let requestId = request.headers.first { $0.name == "X-Request-Id" || $0.name == "Idempotency-Key" }?.value
        let next: Result<(String, Reply), HTTPError> = state.withLock { state in
            state.sent.append(
                Sent(
                    method: request.method.rawValue, path: request.path, requestId: requestId,
                    body: String(decoding: request.body, as: UTF8.self)))
            guard !state.replies.isEmpty else {
                return .failure(HTTPError(.connectFailed, "script ended at \(request.path)"))
            }
            return .success(state.replies.removeFirst())
        }
        let (expectedPath, reply) = try next.get()
        guard request.path.hasPrefix(expectedPath) else {
            throw HTTPError(.connectFailed, "script expected \(expectedPath), got \(request.path)")
        }
        switch reply {
        case .answer(let status, let body, let contentType):
            return HTTPResponse(
                status: status, reason: "", headers: [(name: "Content-Type", value: contentType)],
                body: Array(body.utf8))
        case .failure(let error):
            throw error
        }
    }

    var idleConnectionCount: Int { 0 }
}

@Suite struct ScriptedTransportTests {
    static let token = (
        "/accesstoken/get", ScriptedTransport.Reply.answer(200, #"{"access_token":"t0k3n","expires_in":"3600"}"#)
    )

    static func client(_ transport: ScriptedTransport) throws -> VippsClient {
        var configuration = ClientConfiguration()
        configuration.environment = .custom(baseURL: "http://127.0.0.1:1")
        configuration.clientId = "id"
        configuration.clientSecret = "secret-value"
        configuration.subscriptionKey = "subscription-value"
        configuration.merchantSerialNumber = "123456"
        configuration.retryPolicy = RetryPolicy(
            maxAttempts: 3, initialBackoffMilliseconds: 0, maxBackoffMilliseconds: 0)
        return try VippsClient(configuration, transport: transport)
    }

    static func details(_ operations: [String]) -> String {
        let log = operations.map { #"{"operation":"\#($0)","amount":1000,"operationSuccess":true}"# }
        return #"{"orderId":"o-1","transactionLogHistory":[\#(log.joined(separator: ","))]}"#
    }

    static let lostAnswer = ScriptedTransport.Reply.failure(
        HTTPError(.timeout, "read timed out", requestMayHaveBeenSent: true))

    @Test func aCancelResendRefusedAsLockedIsResolvedFromTheDetails() throws {
        let transport = ScriptedTransport([
            Self.token,
            ("/ecomm/v2/payments/o-1/cancel", Self.lostAnswer),
            ("/ecomm/v2/payments/o-1/details", .answer(200, Self.details(["RESERVE", "INITIATE"]))),
            (
                "/ecomm/v2/payments/o-1/cancel",
                .answer(400, #"[{"errorGroup":"VippsError","errorCode":"94","errorMessage":"Order locked"}]"#)
            ),
            ("/ecomm/v2/payments/o-1/details", .answer(200, Self.details(["VOID", "RESERVE", "INITIATE"]))),
        ])
        let transaction = try Self.client(transport).cancel(
            orderId: "o-1", transactionText: "x", releaseRemainingFunds: false)
        #expect(transaction.status == "Cancelled")
        #expect(transport.unused == 0)
    }

    @Test func aGarbledTokenAnswerNeverSendsTheInitiate() throws {
        let garbage = ("/accesstoken/get", ScriptedTransport.Reply.answer(200, "garbage", contentType: "text/html"))
        let transport = ScriptedTransport([garbage, garbage, garbage])
        var request = InitiatePaymentRequest()
        request.orderId = "o-1"
        request.amount = 1000
        request.transactionText = "x"
        request.callbackPrefix = "https://shop.example/cb"
        request.fallbackURL = "https://shop.example/back"
        let error = #expect(throws: VippsError.self) { try Self.client(transport).initiatePayment(request) }
        #expect(error?.category == .protocolError)
        #expect(transport.sent.allSatisfy { $0.path == "/accesstoken/get" })
    }

    @Test func aTwoHundredWithAnHTMLBodyOnCaptureIsOutcomeUnknownWithTheKeySent() throws {
        let transport = ScriptedTransport([
            Self.token,
            ("/ecomm/v2/payments/o-1/capture", .answer(200, "<html>ok</html>", contentType: "text/html")),
        ])
        let error = #expect(throws: VippsError.self) {
            try Self.client(transport).capture(orderId: "o-1", amount: 1000, transactionText: "x", idempotencyKey: nil)
        }
        let sentKey = transport.sent.last?.requestId
        #expect(error?.category == .outcomeUnknown)
        #expect(sentKey != nil && error?.requestId == sentKey)
    }

    @Test func aCaptureRetriedAfterA5xxKeepsItsKeyAndEndsOutcomeUnknown() throws {
        let failed = ("/ecomm/v2/payments/o-1/capture", ScriptedTransport.Reply.answer(503, ""))
        let transport = ScriptedTransport([Self.token, failed, failed, failed])
        let error = #expect(throws: VippsError.self) {
            try Self.client(transport).capture(
                orderId: "o-1", amount: 1000, transactionText: "x", idempotencyKey: "k-1")
        }
        let keys = transport.sent.filter { $0.path.hasSuffix("/capture") }.map(\.requestId)
        #expect(keys == ["k-1", "k-1", "k-1"])
        #expect(error?.category == .outcomeUnknown && error?.requestId == "k-1")
    }

    @Test func aFirst401FetchesANewTokenAndRepeatsOnce() throws {
        let unauthorized = ("/ecomm/v2/payments/o-1/details", ScriptedTransport.Reply.answer(401, ""))
        let transport = ScriptedTransport([
            Self.token, unauthorized, Self.token, unauthorized,
        ])
        let error = #expect(throws: VippsError.self) { try Self.client(transport).paymentDetails(orderId: "o-1") }
        #expect(error?.httpStatus == 401)
        #expect(transport.sent.map(\.path).filter { $0 == "/accesstoken/get" }.count == 2)
        #expect(transport.unused == 0)
    }
}
