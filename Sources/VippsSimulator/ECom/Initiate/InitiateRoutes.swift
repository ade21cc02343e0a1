import Hummingbird

/// Initiate, `POST /ecomm/v2/payments` (docs/ecom-v2.md#initiate): the merchant creates a payment and gets the
/// landing page URL (or app deeplink) to send the user to.
struct InitiateRoutes {
    let store: PaymentStore
    let rateLimiter: RateLimiter
    let publicBaseURL: PublicBaseURL

    /// `group` is `/ecomm/v2` behind `VippsAuthenticationMiddleware`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        // The router ignores a trailing slash, so Postman's `/ecomm/v2/payments/` lands here too.
        group.post("payments") { request, context in try await initiate(request, context: context) }
    }

    private func initiate(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        let command = try await request.decodeJSONBody(InitiatePaymentCommand.self, context: context)
        // Counted per orderId and MSN of the body, before validation: the limit is the gateway's.
        if let orderId = command.transaction?.orderId {
            try rateLimiter.admit(
                .initiate,
                orderId: orderId,
                merchantSerialNumber: command.merchantInfo?.merchantSerialNumber ?? context.merchantSerialNumber
            )
        }
        let initiation = try InitiationValidator.validate(command)
        if let headerMSN = context.merchantSerialNumber, headerMSN != initiation.merchantSerialNumber {
            throw BackendError.invalidRequest(
                field: "merchantInfo.merchantSerialNumber",
                "merchantInfo.merchantSerialNumber must match the Merchant-Serial-Number header."
            )
        }
        let baseURL = publicBaseURL.current
        let payment = try store.initiate(initiation) { landingToken in
            LandingURL.make(baseURL: baseURL, landingToken: landingToken, isApp: initiation.isApp)
        }
        return try JSONResponse.make(PaymentInitiationResponse(orderId: payment.orderId, url: payment.url))
    }
}

/// `PaymentInitiationResponse`: the orderId and the landing page URL (or app deeplink).
struct PaymentInitiationResponse: Encodable {
    let orderId: String
    let url: String
}

/// The `url` initiate returns: the landing page on the simulator itself, or, with `isApp`, the test
/// app's deeplink (`vippsMT://`, as the test environment answers; docs/ecom-v2.md#environments).
enum LandingURL {
    static let path = "/dwo-api-application/v1/deeplink/vippsgateway"

    static func make(baseURL: String, landingToken: String, isApp: Bool) -> String {
        isApp ? "vippsMT://?token=\(landingToken)" : "\(baseURL)\(path)?v=2&token=\(landingToken)"
    }
}
