import Foundation
import Hummingbird

/// Capture, refund and cancel (`POST /epayment/v1/payments/{reference}/capture|refund|cancel`) and
/// the test environment's approve (`POST /epayment/v1/test/payments/{reference}/approve`). They act
/// on eCom payments too.
struct ModificationRoutes {
    let store: PaymentStore
    let rateLimiter: RateLimiter
    let inProgress: PaymentsInProgress

    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.post("payments/:reference/capture") { request, context in
            try await modify(.epaymentCapture, request, context, allowsEmpty: false) { body throws(EPaymentProblem) in
                .capture(try modificationAmount(body))
            }
        }
        group.post("payments/:reference/refund") { request, context in
            try await modify(.epaymentRefund, request, context, allowsEmpty: false) { body throws(EPaymentProblem) in
                .refund(try modificationAmount(body))
            }
        }
        group.post("payments/:reference/cancel") { request, context in
            try await modify(.epaymentCancel, request, context, allowsEmpty: true) { body throws(EPaymentProblem) in
                switch body.object["cancelTransactionOnly"] {
                case nil, .null?: return .cancel(transactionOnly: false)
                case .bool(let value)?: return .cancel(transactionOnly: value)
                default: throw .field("cancelTransactionOnly", "The field CancelTransactionOnly must be a boolean.")
                }
            }
        }
        group.post("test/payments/:reference/approve") { request, context in
            try await approve(request, context)
        }
    }

    /// A request's body with its key.
    struct Body {
        let object: [String: JSONValue]
        let canonical: String
        let key: String
    }

    struct Amount: Sendable {
        let value: Int
        let currency: Currency
    }

    enum Modification: Sendable {
        case capture(Amount)
        case refund(Amount)
        case cancel(transactionOnly: Bool)
    }

    private func modify(
        _ endpoint: VippsEndpoint,
        _ request: Request,
        _ context: SimulatorRequestContext,
        allowsEmpty: Bool,
        _ read: (Body) throws(EPaymentProblem) -> Modification
    ) async throws -> Response {
        let msn = try EPaymentRequest.merchantSerialNumber(context)
        let reference = try EPaymentRequest.reference(context)
        try rateLimiter.admit(endpoint, orderId: reference, merchantSerialNumber: msn)
        return try await inProgress.exclusively(PaymentKey(merchantSerialNumber: msn, orderId: reference)) {
            try await modify(
                request, context, reference: reference, merchantSerialNumber: msn, allowsEmpty: allowsEmpty, read)
        }
    }

    private func modify(
        _ request: Request,
        _ context: SimulatorRequestContext,
        reference: String,
        merchantSerialNumber msn: String,
        allowsEmpty: Bool,
        _ read: (Body) throws(EPaymentProblem) -> Modification
    ) async throws -> Response {
        let key = try EPaymentRequest.idempotencyKey(request)
        let body = try await EPaymentRequest.body(request, context: context, allowsEmpty: allowsEmpty)
        let modification = try read(Body(object: body.object, canonical: body.canonical, key: key))
        let payment = try store.modifyEPayment(reference: reference, merchantSerialNumber: msn) {
            payment, now, id throws(EPaymentProblem) in
            switch modification {
            case .capture(let amount):
                try Self.requireCurrency(amount.currency, of: payment)
                try payment.ePaymentCapture(amount.value, key: key, body: body.canonical, at: now, transactionId: id)
            case .refund(let amount):
                try Self.requireCurrency(amount.currency, of: payment)
                try payment.ePaymentRefund(amount.value, key: key, body: body.canonical, at: now, transactionId: id)
            case .cancel(let transactionOnly):
                // No body, {} and {"cancelTransactionOnly":false} are one request.
                let canonical = transactionOnly ? "{\"cancelTransactionOnly\":true}" : "{}"
                try payment.ePaymentCancel(
                    transactionOnly: transactionOnly, key: key, body: canonical, at: now, transactionId: id)
            }
        }
        return try JSONResponse.make(ModificationResponse(payment))
    }

    /// `modificationAmount`: `{currency, value}`, a whole number of minor units of at least 1.
    private func modificationAmount(_ body: Body) throws(EPaymentProblem) -> Amount {
        guard case .object(let amount)? = body.object["modificationAmount"] else {
            throw .field("modificationAmount", "The field ModificationAmount is required.")
        }
        guard case .string(let code)? = amount["currency"], let currency = Currency(rawValue: code.uppercased()) else {
            throw .field("modificationAmount.currency", "The field Currency must be one of NOK, DKK, EUR.")
        }
        let value: Int
        switch amount["value"] {
        case .integer(let number)?:
            guard number >= 1, number <= CreatePaymentValidator.maximumAmount, let exact = Int(exactly: number) else {
                throw .invalidAmount(
                    "The amount must be at least 1 and at most \(CreatePaymentValidator.maximumAmount).")
            }
            value = exact
        case .number?: throw .invalidAmount("The amount must be an integer in minor units.")
        default: throw .field("modificationAmount.value", "The field Value is required and must be an integer.")
        }
        return Amount(value: value, currency: currency)
    }

    private static func requireCurrency(_ currency: Currency, of payment: Payment) throws(EPaymentProblem) {
        guard currency == payment.currency else {
            throw .field("modificationAmount.currency", "The payment's currency is \(payment.currency.rawValue).")
        }
    }

    private struct EmptyObject: Encodable {}

    private func approve(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let msn = try EPaymentRequest.merchantSerialNumber(context)
        let reference = try EPaymentRequest.reference(context)
        let body = try await EPaymentRequest.body(request, context: context, allowsEmpty: true)
        var phone: String?
        if case .object(let customer)? = body.object["customer"] {
            guard let number = customer["phoneNumber"]?.lenientString, CreatePaymentValidator.isMSISDN(number) else {
                throw EPaymentProblem.invalidPhoneNumber(
                    "The phone number must be 10 to 15 digits with the country code.")
            }
            phone = number
        }
        // An empty token is what some clients send together with a customer; it names nothing.
        var token: String?
        if case .string(let text)? = body.object["token"], !text.isEmpty { token = text }
        _ = try store.ePaymentForceApprove(
            reference: reference, merchantSerialNumber: msn, token: token, customerPhoneNumber: phone)
        return try JSONResponse.make(EmptyObject())
    }
}
