import Hummingbird

/// The merchant's eCom endpoints: initiate (`POST /ecomm/v2/payments`) and `GET …/{orderId}/details`.
/// Capture, cancel and refund join them here.
struct PaymentRoutes {
    let store: PaymentStore
    let publicBaseURL: PublicBaseURL

    /// `group` is `/ecomm/v2` behind `VippsAuthenticationMiddleware`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        // The router ignores a trailing slash, so Postman's `/ecomm/v2/payments/` lands here too.
        group.post("payments") { request, context in try await initiate(request, context: context) }
        group.get("payments/:orderId/details") { _, context in try details(context) }
    }

    private func initiate(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        let command = try await request.decodeJSONBody(InitiatePaymentCommand.self, context: context)
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
        let payment = try store.payment(orderId: orderId, merchantSerialNumber: context.merchantSerialNumber)
        return try JSONResponse.make(PaymentDetailsResponse(payment))
    }
}
