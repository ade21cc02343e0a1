import Foundation

/// The consent-removal call, `DELETE {consentRemovalPrefix}/v2/consents/{userId}` (docs/ecom-v2.md#consent-removal): no
/// body and, as documented, no Authorization header. Sent in the background and recorded like a callback.
struct ConsentRemoval: Sendable {
    let caller: ShopCaller

    /// Undocumented for this call; the callbacks' 3 seconds.
    static let timeoutSeconds: Int64 = 3

    func send(for payment: Payment, prefix: String, userId: String) {
        let encodedUserId =
            userId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/+=")))
            ?? userId
        caller.sendInBackground(
            ShopCall(
                kind: .consentRemoval,
                orderId: payment.orderId,
                method: .DELETE,
                url: prefix + "/v2/consents/" + encodedUserId,
                authorization: nil,
                body: nil,
                timeoutSeconds: Self.timeoutSeconds
            )
        )
    }
}
