import Foundation
import Hummingbird

/// Expiry of the payments nobody acted on within 5 + 5 minutes (docs/ecom-v2.md#user-side-timing): each ends with a
/// CANCEL line, as the guide's diagram has it, and its REJECTED callback.
///
/// Lazy: `Middleware` runs it before every request, so that whatever a request reads or changes
/// already sees the overdue payments expired, and the clock's control route runs it after a jump.
/// It needs no timer and follows the simulated clock.
struct PaymentExpiry: Sendable {
    let store: PaymentStore
    let callbacks: PaymentCallbacks

    func expireOverduePayments() {
        for payment in store.expireOverduePayments() {
            callbacks.paymentUpdated(payment, outcome: .expired)
        }
    }

    struct Middleware<Context: RequestContext>: RouterMiddleware {
        let expiry: PaymentExpiry

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
            async throws -> Response
        {
            expiry.expireOverduePayments()
            return try await next(request, context)
        }
    }
}

extension PaymentStore {
    /// Ends each overdue payment, oldest first, under the lock; returns the ones it changed (only a
    /// change is saved). Runs before every request, so it remembers the earliest time a waiting
    /// payment falls due and returns at once before then: scanning every payment each time made
    /// the simulator slower with each payment it held.
    func expireOverduePayments() -> [Payment] {
        let now = clock.now()
        return change(savingIf: { (expired: [Payment]) in !expired.isEmpty }) { state -> [Payment] in
            if let next = state.noExpiryBefore, now < next { return [] }
            var expired: [Payment] = []
            var next = Date.distantFuture
            for key in state.keys {
                guard var payment = state.payments[key], payment.isAwaitingUser else { continue }
                let due = payment.userDeadline
                // Dated at the deadline, not when a request noticed it: the log says when the payment
                // timed out, whatever the traffic (and a clock jump of an hour still shows +10 min).
                if now >= due, (try? payment.reject(at: due)) != nil {
                    state.payments[key] = payment
                    expired.append(payment)
                } else {
                    next = min(next, due)
                }
            }
            state.noExpiryBefore = next
            return expired
        }
    }
}
