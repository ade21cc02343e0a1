import Hummingbird

/// Expires overdue payments before any request is handled, so that whatever a request reads or
/// changes already sees them expired: expiry is lazy, needs no timer, and follows the simulated clock.
struct PaymentExpiryMiddleware<Context: RequestContext>: RouterMiddleware {
    let expiry: PaymentExpiry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        expiry.expireOverduePayments()
        return try await next(request, context)
    }
}
