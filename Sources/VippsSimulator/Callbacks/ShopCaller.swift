import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Makes the simulator's calls to the shop and records every attempt in a `ShopCallLog`.
struct ShopCaller: Sendable {
    let log: ShopCallLog
    let clock: any SimulatorClock
    /// Extra attempts after a failure (no response or not 2xx). Vipps makes one attempt (reference
    /// docs/ecom-v2.md#payment-update-callback); `--callback-retries` lets a shop's test exercise its handling of
    /// repeated deliveries.
    let retries: Int

    init(log: ShopCallLog = ShopCallLog(), clock: any SimulatorClock, retries: Int = 0) {
        self.log = log
        self.clock = clock
        self.retries = retries
    }

    /// The shop's answer to a call: status and body of the last attempt, nil when none answered.
    struct Answer: Sendable {
        let status: Int
        let body: Data
    }

    /// Sends in the background, so that the user's action (a request to the simulator) never waits on
    /// the shop, as at Vipps, where callback and fallBack redirect are unordered
    /// (docs/ecom-v2.md#payment-update-callback).
    func sendInBackground(_ call: ShopCall) {
        log.started()
        Task {
            _ = await send(call)
            log.finished()
        }
    }

    /// Sends now and returns the shop's answer.
    func send(_ call: ShopCall) async -> Answer? {
        var answer: Answer?
        for attempt in 1...(1 + max(0, retries)) {
            if attempt > 1 { try? await Task.sleep(for: .milliseconds(200 * (attempt - 1))) }
            answer = await attemptOnce(call, attempt: attempt)
            if let answer, (200..<300).contains(answer.status) { break }
        }
        return answer
    }

    private func attemptOnce(_ call: ShopCall, attempt: Int) async -> Answer? {
        let sentAt = Timestamp.string(from: clock.now())
        let started = ContinuousClock.now
        var answer: Answer?
        var failure: String?
        do {
            var request = HTTPClientRequest(url: call.url)
            request.method = call.method
            request.headers.add(name: "Content-Type", value: "application/json;charset=UTF-8")
            request.headers.add(name: "User-Agent", value: "vipps-sim/\(SimulatorVersion.current)")
            if let authorization = call.authorization {
                request.headers.add(name: "Authorization", value: authorization)
            }
            if let body = call.body { request.body = .bytes(ByteBuffer(string: body)) }
            let response = try await ShopHTTPClient.shared.execute(request, timeout: .seconds(call.timeoutSeconds))
            let body = try await response.body.collect(upTo: 1 << 20)
            answer = Answer(status: Int(response.status.code), body: Data(buffer: body))
        } catch {
            // The error's description names the cause (timeout, refused…) and never the headers.
            failure = String(describing: error)
        }
        let elapsed = ContinuousClock.now - started
        log.record(
            ShopCallAttempt(
                kind: call.kind,
                orderId: call.orderId,
                method: call.method.rawValue,
                url: call.url,
                attempt: attempt,
                authorization: call.authorization != nil,
                status: answer?.status,
                error: failure,
                durationMs: Int(
                    elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
                sentAt: sentAt,
                body: call.body
            )
        )
        return answer
    }
}

/// The one HTTP client for every call to the shop (payment-update callbacks, consent removal).
///
/// Process-wide and never shut down: an `HTTPClient` must be shut down before it is released, and a
/// static never is, so simulators created per test need no lifecycle of their own.
enum ShopHTTPClient {
    static let shared: HTTPClient = {
        // Decision: trust any certificate. The shop under test is usually on this machine with plain
        // http:// or a self-signed https:// certificate, and vipps-sim is a loopback test tool: it has no
        // secret worth protecting (the authToken it sends back is the shop's own test value).
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        // Vipps does not follow redirects (docs/ecom-v2.md#calls-to-the-shop): a 3xx is the shop's answer, recorded as
        // such.
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow)
        // One attempt means one: a refused connection is the shop's answer, recorded at once, instead
        // of the client quietly reconnecting until the 3 s deadline (retries are `--callback-retries`).
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}

/// The JSON of requests to the shop: sorted keys (the same bytes every time, easy to assert on) and
/// URLs without `\/`.
enum ShopJSON {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs cannot fail; "{}" keeps the signature simple if it ever did.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
