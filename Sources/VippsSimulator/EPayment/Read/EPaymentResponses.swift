import Foundation

/// `Amount`: minor units in the payment's currency.
struct AmountBody: Encodable, Equatable {
    let currency: String
    let value: Int

    init(_ value: Int, _ currency: Currency) {
        self.currency = currency.rawValue
        self.value = value
    }
}

struct AggregateBody: Encodable {
    let authorizedAmount: AmountBody
    let cancelledAmount: AmountBody
    let capturedAmount: AmountBody
    let refundedAmount: AmountBody

    init(_ payment: Payment) {
        let aggregate = payment.aggregate
        let currency = payment.currency
        authorizedAmount = AmountBody(aggregate.authorized, currency)
        cancelledAmount = AmountBody(aggregate.cancelled, currency)
        capturedAmount = AmountBody(aggregate.captured, currency)
        refundedAmount = AmountBody(aggregate.refunded, currency)
    }
}

/// `GetPaymentResponse`.
struct GetPaymentResponse: Encodable {
    struct PaymentMethod: Encodable { let type: String }
    /// `sub` once a payment with `profile.scope` is approved (for Userinfo).
    struct Profile: Encodable { let sub: String? }

    let aggregate: AggregateBody
    let amount: AmountBody
    let state: EPaymentState
    let paymentMethod: PaymentMethod
    let profile: Profile
    let pspReference: String
    let reference: String
    let redirectUrl: String?
    let metadata: [String: String]?

    init(_ payment: Payment) {
        aggregate = AggregateBody(payment)
        amount = AmountBody(payment.initiation.amount, payment.currency)
        state = payment.ePaymentState
        paymentMethod = PaymentMethod(type: (payment.ePayment?.paymentMethod ?? .wallet).rawValue)
        profile = Profile(sub: payment.profileConsent?.sub)
        pspReference = payment.pspReference
        reference = payment.orderId
        // An eCom payment's landing URL is where its user continues, too (not for an app deeplink).
        redirectUrl = payment.ePayment.map(\.redirectUrl) ?? (payment.initiation.isApp ? nil : payment.url)
        metadata = payment.ePayment?.metadata
    }
}

/// `ModificationResponse`: the payment after a capture, refund or cancel.
struct ModificationResponse: Encodable {
    let amount: AmountBody
    let state: EPaymentState
    let aggregate: AggregateBody
    let pspReference: String
    let reference: String

    init(_ payment: Payment) {
        amount = AmountBody(payment.initiation.amount, payment.currency)
        state = payment.ePaymentState
        aggregate = AggregateBody(payment)
        pspReference = payment.pspReference
        reference = payment.orderId
    }
}

/// `PaymentEvent`.
struct PaymentEventBody: Encodable {
    let reference: String
    let pspReference: String
    let name: String
    let amount: AmountBody
    let timestamp: String
    let idempotencyKey: String?
    let success: Bool

    init(_ event: EPaymentEvent, of payment: Payment) {
        reference = payment.orderId
        pspReference = event.pspReference
        name = event.name.rawValue
        amount = AmountBody(event.amount, payment.currency)
        timestamp = Timestamp.string(from: event.timestamp)
        idempotencyKey = event.idempotencyKey
        success = event.success
    }

    // idempotencyKey is nullable, not optional: null says "no key", as Vipps sends it.
    private enum CodingKeys: String, CodingKey {
        case reference, pspReference, name, amount, timestamp, idempotencyKey, success
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(pspReference, forKey: .pspReference)
        try container.encode(name, forKey: .name)
        try container.encode(amount, forKey: .amount)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(idempotencyKey, forKey: .idempotencyKey)
        try container.encode(success, forKey: .success)
    }
}
