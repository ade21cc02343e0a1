import Hummingbird

/// `POST /ecomm/v2/integration-test/payments/{orderId}/approve`: the test environment's "force approve",
/// which accepts a payment as the user would in the app (docs/ecom-v2.md#force-approve).
struct ForceApproveRoutes {
    let store: PaymentStore
    let callbacks: PaymentCallbacks

    /// `group` is `/ecomm/v2` behind `VippsAuthenticationMiddleware`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.post("integration-test/payments/:orderId/approve") { request, context in
            try await approve(request, context: context)
        }
    }

    private struct EmptyObject: Encodable {}

    private func approve(_ request: Request, context: SimulatorRequestContext) async throws -> Response {
        let orderId = try context.parameters.require("orderId")
        let body = try await request.decodeJSONBody(ForceApproveRequest.self, context: context)
        guard let token = body.token, !token.isEmpty else {
            throw BackendError.invalidRequest(
                field: "token", "token is required: the token query parameter of the payment's url.")
        }
        if let phone = body.customerPhoneNumber, !InitiationValidator.isDigits(phone, count: 8...8) {
            throw BackendError.invalidRequest(field: "customerPhoneNumber", "customerPhoneNumber must be 8 digits.")
        }
        let requestId = request.headers[.requestID] ?? ""
        guard requestId.count <= 40 else {
            throw BackendError.invalidRequest(field: "X-Request-Id", "X-Request-Id must be at most 40 characters.")
        }
        let payment = try store.forceApprove(
            orderId: orderId,
            merchantSerialNumber: context.merchantSerialNumber,
            landingToken: token,
            customerPhoneNumber: body.customerPhoneNumber,
            requestId: requestId
        )
        // As if the user approved in the app: the RESERVED (or SALE) callback. Magic amounts are not
        // looked at: docs/ecom-v2.md#test-environment says they do not work with force approve.
        callbacks.paymentUpdated(payment, outcome: .approved)
        // The OpenAPI file gives the 200 no body; an empty object keeps JSON clients happy.
        return try JSONResponse.make(EmptyObject())
    }
}

/// The force approve body (`ForceApproveRequest`): `{"customerPhoneNumber":"91234567","token":"…"}`.
struct ForceApproveRequest: Decodable {
    var customerPhoneNumber: String?
    var token: String?
}
