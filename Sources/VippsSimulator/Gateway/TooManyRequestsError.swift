import Hummingbird

/// HTTP 429 with `Retry-After` (whole seconds) and the backend array `VippsError 98` ("Too many
/// concurrent requests.", reference §7.3, §10). Sent by the rate limiter and by the `rate-limit` fault.
public struct TooManyRequestsError: Error, Sendable, Equatable, HTTPResponseError {
    public let retryAfterSeconds: Int

    public var status: HTTPResponse.Status { .tooManyRequests }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
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
