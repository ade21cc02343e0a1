import Foundation

/// Sends the payment-update callback for a user outcome (reference §5.2): one per outcome, in the
/// background, to `callbackPrefix + "/v2/payments/" + orderId`.
struct PaymentCallbacks: Sendable {
    let caller: ShopCaller

    /// Reference §5.2: the shop must answer within 3 seconds.
    static let timeoutSeconds: Int64 = 3

    func paymentUpdated(_ payment: Payment, outcome: UserOutcome) {
        caller.sendInBackground(
            ShopCall(
                kind: .paymentUpdate,
                orderId: payment.orderId,
                method: .POST,
                url: payment.initiation.callbackPrefix + "/v2/payments/" + payment.orderId,
                authorization: payment.initiation.authToken,
                body: ShopJSON.encode(PaymentUpdateCallback(payment: payment, outcome: outcome)),
                timeoutSeconds: Self.timeoutSeconds
            )
        )
    }
}
