import AsyncHTTPClient
import Foundation
import NIOCore

/// Makes the simulator's calls to the shop and records every attempt in a `ShopCallLog`.
public struct ShopCaller: Sendable {
    public let log: ShopCallLog
    let clock: any SimulatorClock
    /// Extra attempts after a failure (no response or not 2xx). Vipps makes one attempt (reference
    /// §5.2); `--callback-retries` lets a shop's test exercise its handling of repeated deliveries.
    let retries: Int

    public init(log: ShopCallLog = ShopCallLog(), clock: any SimulatorClock, retries: Int = 0) {
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
    /// the shop, as at Vipps, where callback and fallBack redirect are unordered (reference §5.2).
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
            if let authorization = call.authorization { request.headers.add(name: "Authorization", value: authorization) }
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
                durationMs: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
                sentAt: sentAt,
                body: call.body
            )
        )
        return answer
    }
}
