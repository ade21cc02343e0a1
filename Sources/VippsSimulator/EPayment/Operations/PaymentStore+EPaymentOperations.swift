import Foundation

extension PaymentStore {
    /// Runs one ePayment modification on the payment of (MSN, reference) under the lock, like eCom's
    /// operations: concurrent requests with one key change the payment once.
    func modifyEPayment(
        reference: String,
        merchantSerialNumber: String,
        _ modify: (inout Payment, Date, () -> String) throws(EPaymentProblem) -> Void
    ) throws(EPaymentProblem) -> Payment {
        try change { state throws(EPaymentProblem) in
            let now = clock.now()
            let key = PaymentKey(merchantSerialNumber: merchantSerialNumber, orderId: reference)
            guard var payment = state.payments[key] else {
                throw .referenceNotFound(reference, merchantSerialNumber: merchantSerialNumber)
            }
            try state.transactionIds.takingIfSucceeds { offer throws(EPaymentProblem) in
                try modify(&payment, now, { offer.take() })
            }
            state.payments[key] = payment
            return payment
        }
    }

    /// The test environment's approve: as the customer approving in the app. An eCom payment
    /// approved this way follows its sales unit's capture mode; an ePayment one only reserves.
    func ePaymentForceApprove(
        reference: String,
        merchantSerialNumber: String,
        token: String?,
        customerPhoneNumber: String?
    ) throws(EPaymentProblem) -> Payment {
        try change { state throws(EPaymentProblem) in
            let now = clock.now()
            let key = PaymentKey(merchantSerialNumber: merchantSerialNumber, orderId: reference)
            guard var payment = state.payments[key] else {
                throw .referenceNotFound(reference, merchantSerialNumber: merchantSerialNumber)
            }
            switch payment.ePaymentState {
            case .created: break
            case .authorized: throw .alreadyReserved()
            default: throw .approveFailed("the payment is \(payment.ePaymentState.rawValue).")
            }
            guard payment.isAwaitingUser else { throw .approveFailed("the customer's approval failed already.") }
            guard payment.initiation.paymentType == .regular else {
                throw .approveFailed("express payments cannot be force approved.")
            }
            if let token, token != payment.landingToken {
                throw .approveFailed("the token does not belong to this payment.")
            }
            let directCapture =
                payment.ePayment == nil && (state.merchants[merchantSerialNumber]?.directCapture ?? false)
            let phone = customerPhoneNumber ?? payment.ePayment?.customerPhoneNumber
            do throws(BackendError) {
                try payment.reserve(at: now, requestId: "", customerPhoneNumber: phone, directCapture: directCapture)
            } catch {
                throw .approveFailed(error.message)
            }
            state.payments[key] = payment
            return payment
        }
    }
}
