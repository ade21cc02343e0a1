import Foundation

/// The user's side of a payment: the landing page's push and the phone page's approve and reject.
/// (The timeout of payments nobody acts on is `expireOverduePayments`, in PaymentExpiry.swift.)
extension PaymentStore {
    /// The payment whose landing URL carries this token, if any.
    func payment(landingToken: String) -> Payment? {
        allPayments().first { $0.landingToken == landingToken }
    }

    /// The landing page's "send push": the payment will be listed on `phone`'s phone page. Another
    /// number than the initiate's may be entered (docs/ecom-v2.md#user-flows: a parent paying for a minor).
    func sendPush(orderId: String, merchantSerialNumber: String, phone: String) throws(BackendError) -> Payment {
        try changePayment(orderId: orderId, merchantSerialNumber: merchantSerialNumber) {
            payment, _, _ throws(BackendError) in
            guard payment.isAwaitingUser else {
                throw .transactionNotAllowed("Order '\(payment.orderId)' is no longer awaiting the user.")
            }
            payment.pushedTo = phone
            return payment
        }
    }

    /// The payment requests waiting on `phone`, oldest first.
    func pendingRequests(phone: String) -> [Payment] {
        allPayments().filter { $0.isAwaitingUser && $0.pushedTo == phone }
    }

    /// The user approves on the phone page. A magic amount (docs/ecom-v2.md#test-environment) makes the card refuse: a
    /// failed RESERVE line. `choice` is the express address and shipping, added before reserving.
    func userApprove(
        orderId: String,
        merchantSerialNumber: String,
        phone: String,
        choice: ExpressChoice?
    ) throws(BackendError) -> (Payment, UserOutcome) {
        try changePayment(orderId: orderId, merchantSerialNumber: merchantSerialNumber) {
            payment, now, merchant throws(BackendError) in
            try Self.requirePushed(payment, to: phone)
            if payment.initiation.paymentType == .express {
                guard let choice else {
                    throw .invalidRequest(field: "shippingMethodId", "Choose an address and a shipping option first.")
                }
                payment.expressChoice = choice
            }
            // ePayment has no direct capture: its payments only reserve, whatever the sales unit does for eCom.
            let directCapture = merchant.directCapture && payment.ePayment == nil
            // The magic amount is the amount charged, so an express total with shipping counts.
            if let failure = MagicAmount.failure(for: payment.reservationAmount) {
                // An ePayment WALLET payment waits on: the customer may try another card, reject it or
                // let it expire (docs/epayment.md, "Test amounts").
                if payment.ePayment != nil { return (payment, .failed(failure)) }
                try payment.failReservation(at: now, customerPhoneNumber: phone, directCapture: directCapture)
                return (payment, .failed(failure))
            }
            try payment.reserve(at: now, requestId: "", customerPhoneNumber: phone, directCapture: directCapture)
            return (payment, .approved)
        }
    }

    /// The user rejects on the phone page: CANCEL.
    func userReject(orderId: String, merchantSerialNumber: String, phone: String) throws(BackendError) -> Payment {
        try changePayment(orderId: orderId, merchantSerialNumber: merchantSerialNumber) {
            payment, now, _ throws(BackendError) in
            try Self.requirePushed(payment, to: phone)
            try payment.reject(at: now)
            return payment
        }
    }

    private static func requirePushed(_ payment: Payment, to phone: String) throws(BackendError) {
        guard payment.pushedTo == phone else {
            throw .transactionNotAllowed("Order '\(payment.orderId)' was not sent to \(phone).")
        }
    }
}

extension PaymentStore {
    /// Remembers what the phone page offered for an express payment's address.
    func offerShipping(orderId: String, merchantSerialNumber: String, phone: String, _ offer: ShippingOffer)
        throws(BackendError)
    {
        try changePayment(orderId: orderId, merchantSerialNumber: merchantSerialNumber) {
            payment, _, _ throws(BackendError) in
            guard payment.isAwaitingUser, payment.pushedTo == phone else {
                throw .transactionNotAllowed("Order '\(payment.orderId)' is no longer awaiting \(phone).")
            }
            payment.shippingOffer = offer
        }
    }
}
