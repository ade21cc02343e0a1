import Foundation

extension PaymentStore {
    /// Stores a new payment with its INITIATE line. `makeURL` turns the new landing token into the URL
    /// returned to the merchant.
    func initiate(_ initiation: PaymentInitiation, makeURL: (_ landingToken: String) -> String) throws(BackendError)
        -> Payment
    {
        let msn = initiation.merchantSerialNumber
        let now = clock.now()
        return try change { state throws(BackendError) in
            guard let merchant = state.merchants[msn] else { throw .invalidMerchantSerialNumber(msn) }
            if initiation.skipLandingPage {
                guard merchant.maySkipLandingPage else { throw .skipLandingPageNotAllowed(merchantSerialNumber: msn) }
                guard initiation.mobileNumber != nil else {
                    throw .invalidRequest(
                        field: "customerInfo.mobileNumber",
                        "customerInfo.mobileNumber is required when transaction.skipLandingPage is true."
                    )
                }
            }
            let key = PaymentKey(merchantSerialNumber: msn, orderId: initiation.orderId)
            guard state.payments[key] == nil else {
                throw .duplicateOrderId(initiation.orderId, merchantSerialNumber: msn)
            }

            let landingToken = RandomIdentifiers.landingToken()
            var payment = Payment(
                initiation: initiation,
                landingToken: landingToken,
                url: makeURL(landingToken),
                transactionId: state.transactionIds.take(),
                initiatedAt: now
            )
            // skipLandingPage pushes to the given number at once (docs/ecom-v2.md#user-flows, POS).
            if initiation.skipLandingPage { payment.pushedTo = initiation.mobileNumber }
            Self.insert(payment, key: key, at: now, into: &state)
            return payment
        }
    }
}
