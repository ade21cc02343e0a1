import Hummingbird

/// `GET /epayment/v1/payments/{reference}` (the payment now) and `…/events` (its history, oldest
/// first). Both read eCom payments too.
struct PaymentReadRoutes {
    let store: PaymentStore
    let rateLimiter: RateLimiter

    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.get("payments/:reference") { _, context in
            try JSONResponse.make(GetPaymentResponse(try payment(.epaymentGet, context)))
        }
        group.get("payments/:reference/events") { _, context in
            let payment = try payment(.epaymentEvents, context)
            return try JSONResponse.make(payment.ePaymentEvents.map { PaymentEventBody($0, of: payment) })
        }
    }

    private func payment(_ endpoint: VippsEndpoint, _ context: SimulatorRequestContext) throws -> Payment {
        let msn = try EPaymentRequest.merchantSerialNumber(context)
        let reference = try EPaymentRequest.reference(context)
        try rateLimiter.admit(endpoint, orderId: reference, merchantSerialNumber: msn)
        return try store.ePayment(reference: reference, merchantSerialNumber: msn)
    }
}

extension PaymentStore {
    func ePayment(reference: String, merchantSerialNumber: String) throws(EPaymentProblem) -> Payment {
        guard
            let payment = state.withLock({
                $0.payments[PaymentKey(merchantSerialNumber: merchantSerialNumber, orderId: reference)]
            })
        else {
            throw .referenceNotFound(reference, merchantSerialNumber: merchantSerialNumber)
        }
        return payment
    }
}
