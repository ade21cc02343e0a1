import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import VippsSimulator

/// Runs the simulator's routes in Hummingbird's router test mode (no sockets) and collects its log.
struct SimulatorHarness {
    static let credentials = SimulatorCredentials.defaults
    static let msn = SimulatorConfiguration.defaultMerchantSerialNumber

    let simulator: VippsSimulator
    let clock: ManualClock
    let log: LogCollector

    init(
        merchantSerialNumbers: [String] = [msn], tokenLifetime: TimeInterval = 3600, rateLimits: Bool = false,
        callbackRetries: Int = 0,
        allowSmallAmounts: Bool = false, markets: [String: Market] = [:]
    ) {
        let clock = ManualClock(startingAt: Date(timeIntervalSince1970: 1_750_000_000))
        let log = LogCollector()
        var configuration = SimulatorConfiguration(
            usesTLS: false,
            merchantSerialNumbers: merchantSerialNumbers,
            tokenLifetime: tokenLifetime,
            rateLimits: rateLimits,
            clock: clock,
            callbackRetries: callbackRetries,
            requestLog: { log.append($0) }
        )
        configuration.allowSmallAmounts = allowSmallAmounts
        configuration.markets = markets
        simulator = VippsSimulator(configuration: configuration)
        self.clock = clock
        self.log = log
    }

    func run(_ body: @Sendable (SimulatorSession) async throws -> Void) async throws {
        try await simulator.makeApplication().test(.router) { client in
            try await body(SimulatorSession(client: client))
        }
    }
}

/// Collects the request log lines, to check what the simulator writes.
final class LogCollector: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// One client of the simulator, with the calls a merchant makes.
struct SimulatorSession: Sendable {
    let client: any TestClientProtocol

    /// Sends a request; every response, whatever its status, must carry the version header.
    func send(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil) async throws
        -> Reply
    {
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        #expect(
            response.headers[.simulatorVersion] == SimulatorVersion.current, "\(method) \(uri) lacks Vipps-Sim-Version")
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    static func tokenHeaders(
        clientID: String? = SimulatorHarness.credentials.clientID,
        clientSecret: String? = SimulatorHarness.credentials.clientSecret,
        subscriptionKey: String? = SimulatorHarness.credentials.subscriptionKey
    ) -> HTTPFields {
        var headers = HTTPFields()
        if let clientID { headers[.clientID] = clientID }
        if let clientSecret { headers[.clientSecret] = clientSecret }
        if let subscriptionKey { headers[.subscriptionKey] = subscriptionKey }
        return headers
    }

    func fetchToken() async throws -> String {
        let reply = try await send(.post, "/accesstoken/get", headers: Self.tokenHeaders())
        #expect(reply.status == .ok)
        return try #require(try reply.object()["access_token"] as? String)
    }

    static func apiHeaders(
        token: String?,
        subscriptionKey: String? = SimulatorHarness.credentials.subscriptionKey,
        msn: String? = nil,
        requestID: String? = nil
    ) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let subscriptionKey { headers[.subscriptionKey] = subscriptionKey }
        if let msn { headers[.merchantSerialNumber] = msn }
        if let requestID { headers[.requestID] = requestID }
        return headers
    }

    func initiate(_ body: String, token: String, msn: String? = nil) async throws -> Reply {
        try await send(.post, "/ecomm/v2/payments", headers: Self.apiHeaders(token: token, msn: msn), body: body)
    }

    func details(_ orderId: String, token: String, msn: String? = nil) async throws -> Reply {
        try await send(.get, "/ecomm/v2/payments/\(orderId)/details", headers: Self.apiHeaders(token: token, msn: msn))
    }

    func approve(
        _ orderId: String, token: String, landingToken: String?, phone: String? = "91234567", requestID: String? = nil
    ) async throws -> Reply {
        var fields: [String: Any] = [:]
        fields["token"] = landingToken
        fields["customerPhoneNumber"] = phone
        let body = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
        return try await send(
            .post,
            "/ecomm/v2/integration-test/payments/\(orderId)/approve",
            headers: Self.apiHeaders(token: token, requestID: requestID),
            body: body
        )
    }

    /// Initiates a valid payment and returns its landing token.
    func initiatePayment(orderId: String, token: String, amount: Int = 20000, edits: [JSONEdit] = []) async throws
        -> String
    {
        let reply = try await initiate(InitiateBody.json(orderId: orderId, amount: amount, edits: edits), token: token)
        #expect(reply.status == .ok, "\(reply.text)")
        let url = try #require(try reply.object()["url"] as? String)
        return try #require(url.components(separatedBy: "token=").last)
    }
}

/// A response, decoded as far as the tests need.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    func object() throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    /// The backend error array's single element.
    func backendError() throws -> [String: Any] {
        let array = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "not an error array: \(text)")
        #expect(array.count == 1)
        let error = try #require(array.first)
        let contextId = try #require(error["contextId"] as? String)
        #expect(UUID(uuidString: contextId) != nil)
        #expect(error["errorCode"] is String, "errorCode must be a string")
        return error
    }

    func expectBackendError(
        _ status: HTTPResponse.Status, group: String, code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(self.status == status, "\(text)", sourceLocation: sourceLocation)
        let error = try backendError()
        #expect(error["errorGroup"] as? String == group, "\(text)", sourceLocation: sourceLocation)
        #expect(error["errorCode"] as? String == code, "\(text)", sourceLocation: sourceLocation)
        #expect((error["errorMessage"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    }
}
