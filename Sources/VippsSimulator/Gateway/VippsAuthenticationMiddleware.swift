import Hummingbird

/// The checks in front of every eCom endpoint, in the order the real system makes them: the gateway's
/// subscription key, then the access token, then the sales unit named by `Merchant-Serial-Number`.
struct VippsAuthenticationMiddleware: RouterMiddleware {
    typealias Context = SimulatorRequestContext

    let subscriptionKey: String
    let store: PaymentStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try SubscriptionKeyCheck.check(request, expected: subscriptionKey)

        // "Bearer" is case-sensitive at Vipps: "bearer <token>" is rejected (reference §2.2).
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") else {
            throw GatewayError.unauthorized("Access token is missing: send the header 'Authorization: Bearer <access token>'.")
        }
        guard store.isValidAccessToken(String(authorization.dropFirst("Bearer ".count))) else {
            throw GatewayError.unauthorized("Access token is invalid or has expired. Get a new one from /accesstoken/get.")
        }

        var context = context
        if let merchantSerialNumber = request.headers[.merchantSerialNumber] {
            guard store.isKnownMerchant(merchantSerialNumber) else {
                throw BackendError.invalidMerchantSerialNumber(merchantSerialNumber)
            }
            context.merchantSerialNumber = merchantSerialNumber
        }
        return try await next(request, context)
    }
}
