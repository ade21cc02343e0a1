import Hummingbird

/// The merchant's eCom endpoints that create and read payments: initiate (`POST /ecomm/v2/payments`),
/// `GET …/{orderId}/details` and the deprecated `GET …/{orderId}/status`. Capture, cancel and refund
/// are in `PaymentOperationRoutes`.
struct PaymentRoutes {
    let store: PaymentStore
    let rateLimiter: RateLimiter
    let publicBaseURL: PublicBaseURL

    /// `group` is `/ecomm/v2` behind `VippsAuthenticationMiddleware`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        // The router ignores a trailing slash, so Postman's `/ecomm/v2/payments/` lands here too.
        group.post("payments") { request, context in try await initiate(request, context: context) }
        group.get("payments/:orderId/details") { _, context in try details(context) }
        group.get("payments/:orderId/status") { _, context in try status(context) }
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

    private func details(_ context: SimulatorRequestContext) throws -> Response {
        let orderId = try context.parameters.require("orderId")
        // Per orderId and subscription key; the simulator has one key.
        try rateLimiter.admit(.details, orderId: orderId, merchantSerialNumber: nil)
        let payment = try store.payment(orderId: orderId, merchantSerialNumber: context.merchantSerialNumber)
        return JSONResponse.make(bytes: try PaymentDetailsResponse(payment).jsonBytes())
    }

    private func status(_ context: SimulatorRequestContext) throws -> Response {
        let orderId = try context.parameters.require("orderId")
        try rateLimiter.admit(.status, orderId: orderId, merchantSerialNumber: nil)
        let payment = try store.payment(orderId: orderId, merchantSerialNumber: context.merchantSerialNumber)
        return try JSONResponse.make(PaymentStatusResponse(payment))
    }
}

/// `PaymentInitiationResponse`: the orderId and the landing page URL (or app deeplink).
struct PaymentInitiationResponse: Encodable {
    let orderId: String
    let url: String
}

/// The `url` initiate returns: the landing page on the simulator itself, or, with `isApp`, the test
/// app's deeplink (`vippsMT://`, as the test environment answers; reference §1).
enum LandingURL {
    static let path = "/dwo-api-application/v1/deeplink/vippsgateway"

    static func make(baseURL: String, landingToken: String, isApp: Bool) -> String {
        isApp ? "vippsMT://?token=\(landingToken)" : "\(baseURL)\(path)?v=2&token=\(landingToken)"
    }
}
