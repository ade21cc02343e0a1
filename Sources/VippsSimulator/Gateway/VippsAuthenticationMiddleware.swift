import Hummingbird

/// The checks in front of every eCom endpoint, in the order the real system makes them: the gateway's
/// subscription key, then the access token, then the sales unit named by `Merchant-Serial-Number`.
struct VippsAuthenticationMiddleware: RouterMiddleware {
    typealias Context = SimulatorRequestContext

    let subscriptionKey: String
    let tokens: AccessTokens
    let store: PaymentStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try Self.checkAccess(request, subscriptionKey: subscriptionKey, tokens: tokens)

        var context = context
        if let merchantSerialNumber = request.headers[.merchantSerialNumber] {
            guard store.isKnownMerchant(merchantSerialNumber) else {
                throw BackendError.invalidMerchantSerialNumber(merchantSerialNumber)
            }
            context.merchantSerialNumber = merchantSerialNumber
        }
        return try await next(request, context)
    }

    /// The gateway's checks, shared by every API behind it: the subscription key, then the token.
    static func checkAccess(_ request: Request, subscriptionKey: String, tokens: AccessTokens) throws(GatewayError) {
        try SubscriptionKeyCheck.check(request, expected: subscriptionKey)
        try checkToken(request, tokens: tokens)
    }

    /// The access token check alone.
    static func checkToken(_ request: Request, tokens: AccessTokens) throws(GatewayError) {
        // "Bearer" is case-sensitive at Vipps: "bearer <token>" is rejected.
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") else {
            throw GatewayError.unauthorized(
                "Access token is missing: send the header 'Authorization: Bearer <access token>'.")
        }
        guard tokens.isValid(String(authorization.dropFirst("Bearer ".count))) else {
            throw GatewayError.unauthorized(
                "Access token is invalid or has expired. Get a new one from /accesstoken/get.")
        }
    }
}

/// The gateway's `Ocp-Apim-Subscription-Key` check, shared by the token endpoint and the eCom endpoints.
enum SubscriptionKeyCheck {
    static func check(_ request: Request, expected: String) throws(GatewayError) {
        guard let key = request.headers[.subscriptionKey], !key.isEmpty else { throw .missingSubscriptionKey }
        guard key == expected else { throw .invalidSubscriptionKey }
    }
}

/// The header names of the Vipps APIs (matched case-insensitively, as HTTP requires).
extension HTTPFields.Element.Name {
    static let clientID = Self("client_id")!
    static let clientSecret = Self("client_secret")!
    static let subscriptionKey = Self("Ocp-Apim-Subscription-Key")!
    static let merchantSerialNumber = Self("Merchant-Serial-Number")!
    static let requestID = Self("X-Request-Id")!
    static let idempotencyKey = Self("Idempotency-Key")!
    static let simulatorVersion = Self("Vipps-Sim-Version")!
}
