import Foundation

/// The user's side driven directly through the control API (`/sim/v1/payments/{orderId}/reject|approve|fail|expire`),
/// for tests that need an outcome without walking the landing and phone pages. Approve, fail and
/// expire also return the outcome their callback reports.
extension PaymentStore {
    /// The user rejects the payment in the app: CANCEL.
    func reject(orderId: String, merchantSerialNumber: String?) throws(BackendError) -> Payment {
        try changePayment(orderId: orderId, merchantSerialNumber: merchantSerialNumber) {
            payment, now, _ throws(BackendError) in
            try payment.reject(at: now)
            return payment
        }
    }

    /// The user approves in the app. Express payments need an address and a shipping choice, which
    /// only the phone page collects: they are refused here.
    func controlApprove(orderId: String, merchantSerialNumber: String?) throws(BackendError) -> (Payment, UserOutcome) {
        try changePayment(orderId: orderId, merchantSerialNumber: merchantSerialNumber) {
            payment, now, merchant throws(BackendError) in
            guard payment.initiation.paymentType != .express else {
                throw .transactionNotAllowed(
                    "Order '\(payment.orderId)' is an express payment: approve it on the phone page, which asks for address and shipping."
                )
            }
            try payment.reserve(
                at: now, requestId: "", customerPhoneNumber: payment.pushedTo, directCapture: merchant.directCapture)
            return (payment, .approved)
        }
    }

    /// The user's card is refused: `code` is a Payment error code of docs/ecom-v2.md#error-codes (41–45; default 42).
    func controlFail(orderId: String, merchantSerialNumber: String?, code: String?) throws(BackendError) -> (
        Payment, UserOutcome
    ) {
        let failure = try Self.cardRefusal(code ?? "42")
        return try changePayment(orderId: orderId, merchantSerialNumber: merchantSerialNumber) {
            payment, now, merchant throws(BackendError) in
            try payment.failReservation(
                at: now, customerPhoneNumber: payment.pushedTo, directCapture: merchant.directCapture)
            return (payment, .failed(failure))
        }
    }

    /// Nobody acted in time: as the 5 + 5 minute expiry does, without waiting for it.
    func controlExpire(orderId: String, merchantSerialNumber: String?) throws(BackendError) -> (Payment, UserOutcome) {
        try changePayment(orderId: orderId, merchantSerialNumber: merchantSerialNumber) {
            payment, now, _ throws(BackendError) in
            try payment.reject(at: now)
            return (payment, .expired)
        }
    }

    private static func cardRefusal(_ code: String) throws(BackendError) -> BackendError {
        let messages = [
            "41": "The user does not have a valid card.",
            "42": "Refused by the issuer.",
            "43": "Refused by the issuer: Invalid amount.",
            "44": "Refused by the issuer: Expired card.",
            "45": "Reservation failed, reason unknown.",
        ]
        guard let message = messages[code] else {
            throw .invalidRequest(field: "code", "Must be a card refusal code: 41, 42, 43, 44 or 45.")
        }
        return BackendError(status: .badRequest, group: .payment, code: code, message: message)
    }
}
