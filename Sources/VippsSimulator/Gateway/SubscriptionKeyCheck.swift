import Hummingbird

/// The gateway's `Ocp-Apim-Subscription-Key` check, shared by the token endpoint and the eCom endpoints.
enum SubscriptionKeyCheck {
    static func check(_ request: Request, expected: String) throws(GatewayError) {
        guard let key = request.headers[.subscriptionKey], !key.isEmpty else { throw .missingSubscriptionKey }
        guard key == expected else { throw .invalidSubscriptionKey }
    }
}
