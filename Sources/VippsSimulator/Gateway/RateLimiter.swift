import Foundation
import Hummingbird
import Synchronization

/// The per-order rate limits of docs/ecom-v2.md#rate-limits, over a sliding minute of the simulator clock (so a test
/// can run into a limit and then step past it with a `ManualClock`).
///
/// Off unless enabled (`--rate-limits`, `POST /sim/v1/settings`): a client's own test suite runs many
/// operations on one order within seconds, which real limits would turn into 429s.
final class RateLimiter: Sendable {
    static let window: TimeInterval = 60

    private struct State {
        var isEnabled: Bool
        /// Times of the admitted requests within the last window, oldest first.
        var admitted: [RateLimitKey: [Date]] = [:]
    }

    private let clock: any SimulatorClock
    private let state: Mutex<State>

    init(isEnabled: Bool, clock: any SimulatorClock) {
        self.clock = clock
        state = Mutex(State(isEnabled: isEnabled))
    }

    var isEnabled: Bool {
        get { state.withLock { $0.isEnabled } }
        set { state.withLock { $0.isEnabled = newValue } }
    }

    /// Admits a request or throws 429 with the seconds until the oldest request of the window leaves it.
    /// Refused requests do not count: a client that waits as told gets through.
    func admit(_ endpoint: VippsEndpoint, orderId: String, merchantSerialNumber: String?) throws(TooManyRequestsError) {
        guard let limit = endpoint.rateLimitPerMinute else { return }
        let now = clock.now()
        let merchant = endpoint.rateLimitIsPerMerchant ? merchantSerialNumber ?? "" : ""
        let key = RateLimitKey(endpoint: endpoint, merchantSerialNumber: merchant, orderId: orderId)
        try state.withLock { state throws(TooManyRequestsError) in
            guard state.isEnabled else { return }
            let recent = (state.admitted[key] ?? []).filter { now.timeIntervalSince($0) < Self.window }
            if recent.count >= limit, let oldest = recent.first {
                state.admitted[key] = recent
                let wait = Self.window - now.timeIntervalSince(oldest)
                throw TooManyRequestsError(retryAfterSeconds: max(1, Int(wait.rounded(.up))))
            }
            state.admitted[key] = recent + [now]
        }
    }

    /// Forgets the counted requests (not whether limits are on).
    func reset() {
        state.withLock { $0.admitted = [:] }
    }
}

/// What Vipps counts a rate limit against (docs/ecom-v2.md#rate-limits): the endpoint plus orderId and MSN (initiate,
/// capture, cancel, refund) or orderId and subscription key (details, status). The simulator has one
/// subscription key, so for details and status the MSN part is empty.
struct RateLimitKey: Hashable, Sendable {
    var endpoint: VippsEndpoint
    var merchantSerialNumber: String
    var orderId: String
}

/// HTTP 429 with `Retry-After` (whole seconds) and the backend array `VippsError 98` ("Too many
/// concurrent requests.", docs/ecom-v2.md#error-codes, #rate-limits). Sent by the rate limiter and by the `rate-limit`
/// fault.
struct TooManyRequestsError: Error, Sendable, Equatable, HTTPResponseError {
    let retryAfterSeconds: Int

    var status: HTTPResponse.Status { .tooManyRequests }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        // ePayment answers in its own error shape.
        if request.uri.path.hasPrefix("/epayment/") {
            var response = try EPaymentProblem(
                status: .tooManyRequests, title: "Too many requests",
                detail: "Too many requests for this payment. Retry after \(retryAfterSeconds) s."
            ).response(from: request, context: context)
            response.headers[.retryAfter] = String(retryAfterSeconds)
            return response
        }
        var response = try BackendError(
            status: .tooManyRequests,
            group: .vippsError,
            code: "98",
            message: "Too many concurrent requests. Retry after \(retryAfterSeconds) s."
        ).response(from: request, context: context)
        response.headers[.retryAfter] = String(retryAfterSeconds)
        return response
    }
}
