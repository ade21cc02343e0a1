extension PaymentStore {
    /// Force approve (test environment only at Vipps): the user accepts, the amount is reserved.
    func forceApprove(
        orderId: String,
        merchantSerialNumber: String?,
        landingToken: String,
        customerPhoneNumber: String?,
        requestId: String
    ) throws(BackendError) -> Payment {
        let now = clock.now()
        return try change { state throws(BackendError) in
            let found = try findECom(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            // Vipps' force approve supports neither express checkout nor skipLandingPage
            // (docs/ecom-v2.md#force-approve).
            guard payment.initiation.paymentType == .regular else {
                throw .transactionNotAllowed("Force approve does not support express payments.")
            }
            guard !payment.initiation.skipLandingPage else {
                throw .transactionNotAllowed("Force approve does not support payments with skipLandingPage.")
            }
            guard payment.landingToken == landingToken else {
                throw .invalidRequest(field: "token", "token does not match the token of the payment's url.")
            }
            let directCapture = state.merchants[found.key.merchantSerialNumber]?.directCapture ?? false
            try payment.reserve(
                at: now, requestId: requestId, customerPhoneNumber: customerPhoneNumber, directCapture: directCapture)
            state.payments[found.key] = payment
            return payment
        }
    }
}
