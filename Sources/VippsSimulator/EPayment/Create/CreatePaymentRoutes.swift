import Hummingbird

/// Create, `POST /epayment/v1/payments`: answers 201 with the reference and, except for
/// PUSH_MESSAGE, the `redirectUrl` to send the customer to.
struct CreatePaymentRoutes {
    let store: PaymentStore
    let publicBaseURL: PublicBaseURL

    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.post("payments") { request, context in try await create(request, context: context) }
    }

    private struct Created: Encodable {
        let reference: String
        let redirectUrl: String?
    }

    private func create(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        let msn = try EPaymentRequest.merchantSerialNumber(context)
        let key = try EPaymentRequest.idempotencyKey(request)
        let body = try await EPaymentRequest.body(request, context: context, allowsEmpty: false)
        let creation = try CreatePaymentValidator.validate(body.object)
        let baseURL = publicBaseURL.current
        let created = try store.createEPayment(
            creation, merchantSerialNumber: msn, idempotencyKey: key, body: body.canonical
        ) { token in
            switch creation.userFlow {
            case .nativeRedirect: "vipps://token=\(token)"
            case .pushMessage: nil
            // The QR code's target is the landing page, where the scanning phone would go.
            case .webRedirect, .qr: LandingURL.make(baseURL: baseURL, landingToken: token, isApp: false)
            }
        }
        return try JSONResponse.make(
            status: .created,
            Created(reference: created.payment.orderId, redirectUrl: created.payment.ePayment?.redirectUrl))
    }
}
