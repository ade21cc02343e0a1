import Hummingbird

/// Create, `POST /epayment/v1/payments`: answers 201 with the reference and, except for
/// PUSH_MESSAGE, the `redirectUrl` to send the customer to.
struct CreatePaymentRoutes {
    let store: PaymentStore
    let publicBaseURL: PublicBaseURL
    let rateLimiter: RateLimiter
    let customerTokens: CustomerTokens

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
        var creation = try CreatePaymentValidator.validate(body.object, now: store.clock.now())
        try rateLimiter.admit(.epaymentCreate, orderId: creation.reference, merchantSerialNumber: msn)
        if let token = creation.customerToken {
            creation.customerPhoneNumber = try customerTokens.phoneNumber(of: token)
        }
        let baseURL = publicBaseURL.current
        let created = try store.createEPayment(
            creation, merchantSerialNumber: msn, idempotencyKey: key, body: body.canonical
        ) { token in
            switch creation.userFlow {
            case .nativeRedirect: "vipps://token=\(token)"
            case .pushMessage: nil
            case .webRedirect: LandingURL.make(baseURL: baseURL, landingToken: token, isApp: false)
            // The QR code's target is the landing page, where the scanning phone would go.
            case .qr where creation.qrFormat == .targetURL:
                LandingURL.make(baseURL: baseURL, landingToken: token, isApp: false)
            case .qr: QRImageRoutes.url(baseURL: baseURL, landingToken: token)
            }
        }
        return try JSONResponse.make(
            status: .created,
            Created(reference: created.payment.orderId, redirectUrl: created.payment.ePayment?.redirectUrl))
    }
}
