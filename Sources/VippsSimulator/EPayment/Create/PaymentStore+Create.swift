import Foundation

extension PaymentStore {
    /// The answer to a create: the payment, and whether it is the first answer again (a retry).
    struct EPaymentCreated: Sendable {
        let payment: Payment
        let isReplay: Bool
    }

    /// Stores a new ePayment payment, or finds the one an earlier request with the same key created.
    /// `makeRedirectURL` turns the new landing token into the create's `redirectUrl`.
    func createEPayment(
        _ creation: EPaymentCreation,
        merchantSerialNumber msn: String,
        idempotencyKey: String,
        body: String,
        makeRedirectURL: (_ landingToken: String) -> String?
    ) throws(EPaymentProblem) -> EPaymentCreated {
        let now = clock.now()
        let market = market(of: msn)
        return try change { state throws(EPaymentProblem) in
            guard let merchant = state.merchants[msn] else {
                throw .referenceNotFound(creation.reference, merchantSerialNumber: msn)
            }
            // Idempotency before the reference: a retry of a create that succeeded finds its own
            // reference taken.
            for key in state.keys where key.merchantSerialNumber == msn {
                guard let payment = state.payments[key], let facts = payment.ePayment,
                    facts.createIdempotencyKey == idempotencyKey
                else { continue }
                guard facts.createBody == body else { throw .idempotencyKeyExists(idempotencyKey) }
                return EPaymentCreated(payment: payment, isReplay: true)
            }
            let key = PaymentKey(merchantSerialNumber: msn, orderId: creation.reference)
            guard state.payments[key] == nil else { throw .referenceExists(creation.reference) }
            guard creation.currency == market.currency else {
                throw .invalidCurrency(creation.currency, merchantSerialNumber: msn)
            }
            if creation.userFlow == .pushMessage, !merchant.maySkipLandingPage {
                throw .pushMessageNotAllowed(merchantSerialNumber: msn)
            }

            let landingToken = RandomIdentifiers.landingToken()
            let redirectUrl = creation.userFlow == .pushMessage ? nil : makeRedirectURL(landingToken)
            let phonePage = creation.customerPhoneNumber.map(Self.phonePageNumber)
            var payment = Payment(
                initiation: PaymentInitiation(
                    merchantSerialNumber: msn,
                    orderId: creation.reference,
                    amount: creation.amount,
                    transactionText: creation.paymentDescription ?? "",
                    paymentType: .regular,
                    isApp: creation.userFlow == .nativeRedirect,
                    skipLandingPage: creation.userFlow == .pushMessage,
                    callbackPrefix: "",
                    fallBack: creation.returnUrl ?? "",
                    authToken: nil,
                    consentRemovalPrefix: nil,
                    shippingDetailsPrefix: nil,
                    staticShippingDetails: nil,
                    // Pre-fills the landing page, which takes the number as the phone page knows it.
                    mobileNumber: phonePage,
                    scope: creation.scope
                ),
                landingToken: landingToken,
                url: redirectUrl ?? "",
                transactionId: state.transactionIds.take(),
                initiatedAt: now
            )
            payment.ePayment = EPaymentFacts(
                currency: creation.currency,
                userFlow: creation.userFlow,
                paymentMethod: creation.paymentMethod,
                customerPhoneNumber: creation.customerPhoneNumber,
                metadata: creation.metadata,
                pspReference: UUID().uuidString.lowercased(),
                createIdempotencyKey: idempotencyKey,
                createBody: body,
                redirectUrl: redirectUrl,
                qrFormat: creation.qrFormat,
                qrSize: creation.qrSize,
                expiresAt: creation.expiresAt,
                receipt: creation.receipt,
                receiptUrl: creation.receiptUrl
            )
            // PUSH_MESSAGE goes straight to the customer's phone page, without a landing page.
            if creation.userFlow == .pushMessage { payment.pushedTo = phonePage }
            Self.insert(payment, key: key, at: now, into: &state)
            return EPaymentCreated(payment: payment, isReplay: false)
        }
    }

    /// The simulated phones are numbered as Norwegian users know them (8 digits, without 47); other
    /// countries keep the whole MSISDN.
    static func phonePageNumber(_ msisdn: String) -> String {
        msisdn.hasPrefix("47") && msisdn.count == 10 ? String(msisdn.dropFirst(2)) : msisdn
    }
}
