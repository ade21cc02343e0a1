import Hummingbird

/// The merchant's operations on a payment: `POST …/{orderId}/capture`, `POST …/{orderId}/refund` and
/// `PUT …/{orderId}/cancel` (docs/ecom-v2.md#capture to #refund). The rules are `Payment`'s; this is HTTP only.
///
/// Each request goes: body decoded (a wrong JSON type is 500/99) → rate limit → body and header
/// checked (400 InvalidRequest) → the store, which applies or refuses under its lock.
struct PaymentOperationRoutes {
    let store: PaymentStore
    let rateLimiter: RateLimiter
    var allowSmallAmounts = false

    /// `group` is `/ecomm/v2` behind `VippsAuthenticationMiddleware`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.post("payments/:orderId/capture") { request, context in
            let (orderId, action) = try await paymentAction(.capture, request, context: context)
            return try JSONResponse.make(TransactionResponse(capture: try store.capture(orderId: orderId, action)))
        }
        group.post("payments/:orderId/refund") { request, context in
            let (orderId, action) = try await paymentAction(.refund, request, context: context)
            return try JSONResponse.make(RefundTransactionResponse(try store.refund(orderId: orderId, action)))
        }
        group.put("payments/:orderId/cancel") { request, context in
            let orderId = try context.parameters.require("orderId")
            let body = try await request.decodeJSONBody(CancelPaymentActionRequest.self, context: context)
            try rateLimiter.admit(
                .cancel,
                orderId: orderId,
                merchantSerialNumber: body.merchantInfo?.merchantSerialNumber ?? context.merchantSerialNumber
            )
            let action = try PaymentActionValidator.validate(body, requestId: request.headers[.requestID])
            try checkHeaderMatches(action.merchantSerialNumber, context: context)
            return try JSONResponse.make(CancelTransactionResponse(try store.cancel(orderId: orderId, action)))
        }
    }

    /// The orderId and validated request of a capture or refund.
    private func paymentAction(
        _ endpoint: VippsEndpoint,
        _ request: Request,
        context: SimulatorRequestContext
    ) async throws -> (String, PaymentAction) {
        let orderId = try context.parameters.require("orderId")
        let body = try await request.decodeJSONBody(PaymentActionsRequest.self, context: context)
        try rateLimiter.admit(
            endpoint,
            orderId: orderId,
            merchantSerialNumber: body.merchantInfo?.merchantSerialNumber ?? context.merchantSerialNumber
        )
        let action = try PaymentActionValidator.validate(
            body, requestId: request.headers[.requestID],
            allowSmallAmounts: allowSmallAmounts)
        try checkHeaderMatches(action.merchantSerialNumber, context: context)
        return (orderId, action)
    }

    /// The body names the sales unit; a `Merchant-Serial-Number` header, when sent, must agree with it
    /// (as at initiate).
    private func checkHeaderMatches(_ merchantSerialNumber: String, context: SimulatorRequestContext)
        throws(BackendError)
    {
        if let headerMSN = context.merchantSerialNumber, headerMSN != merchantSerialNumber {
            throw .invalidRequest(
                field: "merchantInfo.merchantSerialNumber",
                "merchantInfo.merchantSerialNumber must match the Merchant-Serial-Number header."
            )
        }
    }
}
