/// Expires the payments nobody acted on and sends their REJECTED callbacks.
struct PaymentExpiry: Sendable {
    let store: PaymentStore
    let callbacks: PaymentCallbacks

    func expireOverduePayments() {
        for payment in store.expireOverduePayments() {
            callbacks.paymentUpdated(payment, outcome: .expired)
        }
    }
}
