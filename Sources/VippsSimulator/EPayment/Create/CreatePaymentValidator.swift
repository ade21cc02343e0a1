import Foundation

/// A validated create request, in the simulator's terms.
struct EPaymentCreation: Sendable, Equatable {
    var reference: String
    var amount: Int
    var currency: Currency
    var userFlow: UserFlow
    var paymentMethod: PaymentMethodType
    /// MSISDN: country code and number, digits only.
    var customerPhoneNumber: String?
    /// A `customer.customerToken`, which the route resolves to the customer's number.
    var customerToken: String?
    var returnUrl: String?
    var paymentDescription: String?
    var metadata: [String: String]?
    var scope: String?
    /// With `userFlow` QR: what `redirectUrl` is (the target URL or an image of it) and the PNG's size.
    var qrFormat: QRFormat?
    var qrSize: Int?
    /// A long-living payment's end, instead of the usual lifetime.
    var expiresAt: Date?
    var receipt: JSONValue?
    var receiptUrl: String?
}

/// Checks a create body: first the form of each field (all bad fields in one validation problem,
/// none of them with an error code), then the rules between fields, each with its code.
///
/// Lenient where official examples are sloppy: `reference` and `customer.phoneNumber` may be JSON
/// numbers, and enum values may be in any case. Unknown members are ignored, as newer clients send some.
struct CreatePaymentValidator {
    static let maximumAmount: Int64 = 65_000_000
    static let countryCodes = ["45", "46", "47", "358"]
    static let scopes: Set<String> = ["name", "address", "email", "phoneNumber", "birthDate", "nin"]

    private var fields: [EPaymentProblem.Detail] = []

    private mutating func bad(_ name: String, _ reason: String) {
        fields.append(EPaymentProblem.Detail(name: name, reason: reason))
    }

    /// A long-living payment must end more than 10 minutes and less than 60 days from now.
    static let expiresAtRange: ClosedRange<TimeInterval> = (10 * 60)...(60 * 86_400)

    let now: Date

    static func validate(_ body: [String: JSONValue], now: Date) throws(EPaymentProblem) -> EPaymentCreation {
        var validator = CreatePaymentValidator(now: now)
        return try validator.run(body)
    }

    private mutating func run(_ body: [String: JSONValue]) throws(EPaymentProblem) -> EPaymentCreation {
        // Form.
        var amountValue: JSONValue?
        var currency: Currency?
        if case .object(let amount)? = body["amount"] {
            currency = enumValue(amount["currency"], name: "amount.currency", Currency.self)
            amountValue = amount["value"]
            if amountValue == nil { bad("amount.value", "The field Value is required.") }
        } else {
            bad("amount", "The field Amount is required.")
        }
        var paymentMethod: PaymentMethodType?
        if case .object(let method)? = body["paymentMethod"] {
            paymentMethod = enumValue(method["type"], name: "paymentMethod.type", PaymentMethodType.self)
        } else {
            bad("paymentMethod", "The field PaymentMethod is required.")
        }
        let reference = lenientString(body["reference"], name: "reference")
        if let reference,
            !(8...64).contains(reference.count) || !reference.allSatisfy(EPaymentRequest.isReferenceCharacter)
        {
            bad("reference", "The field Reference must match the regular expression '^[a-zA-Z0-9-]{8,64}$'.")
        }
        let userFlow = enumValue(body["userFlow"], name: "userFlow", UserFlow.self)
        let returnUrl = optionalString(body["returnUrl"], name: "returnUrl")
        if let returnUrl, returnUrl.count > 2048 {
            bad("returnUrl", "The field ReturnUrl may have at most 2048 characters.")
        }
        let description = optionalString(body["paymentDescription"], name: "paymentDescription")
        if let description, !(3...100).contains(description.count) {
            bad("paymentDescription", "The field PaymentDescription must have 3 to 100 characters.")
        }
        var customer: [String: JSONValue]?
        switch body["customer"] {
        case nil, .null?: break
        case .object(let object)?:
            let given = ["phoneNumber", "personalQr", "customerToken"].filter {
                object[$0] != nil && object[$0] != .null
            }
            if given.count != 1 {
                bad("customer", "Exactly one of phoneNumber, personalQr and customerToken must be given.")
            } else {
                customer = object
            }
        default: bad("customer", "The field Customer must be an object.")
        }
        var scope: String?
        switch body["profile"] {
        case nil, .null?: break
        case .object(let profile)?: scope = optionalString(profile["scope"], name: "profile.scope")
        default: bad("profile", "The field Profile must be an object.")
        }
        var metadata: [String: String]?
        switch body["metadata"] {
        case nil, .null?: break
        case .object(let object)?:
            var strings: [String: String] = [:]
            for (key, value) in object {
                guard case .string(let text) = value else {
                    bad("metadata.\(key)", "Metadata values must be strings.")
                    continue
                }
                strings[key] = text
            }
            metadata = strings
        default: bad("metadata", "The field Metadata must be an object of strings.")
        }
        var qrFormat: QRFormat?
        var qrSize: Int?
        switch body["qrFormat"] {
        case nil, .null?: break
        case .object(let format)?:
            qrFormat = enumValue(format["format"], name: "qrFormat.format", QRFormat.self)
            switch format["size"] {
            case nil, .null?: break
            case .integer(let size)? where (100...2000).contains(size): qrSize = Int(exactly: size)
            default: bad("qrFormat.size", "The field Size must be an integer from 100 to 2000.")
            }
            if userFlow != nil, userFlow != .qr {
                bad("qrFormat", "The field QrFormat is only allowed with userFlow QR.")
            }
        default: bad("qrFormat", "The field QrFormat must be an object.")
        }
        var expiresAt: Date?
        if let text = optionalString(body["expiresAt"], name: "expiresAt") {
            expiresAt = Timestamp.rfc3339(text)
            if expiresAt == nil { bad("expiresAt", "The field ExpiresAt must be an RFC 3339 date and time.") }
            if let userFlow, userFlow != .pushMessage, userFlow != .qr {
                bad("expiresAt", "Cannot set ExpiresAt for flow \(userFlow.rawValue).")
            }
            if paymentMethod == .card { bad("expiresAt", "Long-living payments need payment method WALLET.") }
        }
        let receipt = body["receipt"].flatMap { $0 == .null ? nil : $0 }
        if let receipt { fields += ReceiptValidator.problems(receipt) }
        let receiptUrl = optionalString(body["receiptUrl"], name: "receiptUrl")
        if paymentMethod == .card, let userFlow, userFlow != .webRedirect {
            bad("userFlow", "Payment method CARD requires userFlow WEB_REDIRECT.")
        }
        if let interaction = body["customerInteraction"], interaction != .null {
            _ = enumValue(interaction, name: "customerInteraction", CustomerInteraction.self)
        }
        // The amount's form: a decimal is its own domain error, so it is checked after the fields.
        guard fields.isEmpty, let reference, let currency, let userFlow, let paymentMethod, let amountValue else {
            throw EPaymentProblem(fields: fields)
        }

        // Rules between fields, in the order Vipps documents them.
        let amount: Int64
        switch amountValue {
        case .integer(let value): amount = value
        case .number: throw .invalidAmount("The amount must be an integer in minor units.")
        default: throw .field("amount.value", "The field Value must be an integer.")
        }
        guard amount <= Self.maximumAmount else {
            throw .field("amount.value", "The field Value must be at most \(Self.maximumAmount).")
        }
        guard amount >= currency.minimumAmount else { throw .amountTooSmall(currency) }
        if userFlow == .webRedirect, returnUrl?.isEmpty ?? true { throw .missingParameter("returnUrl") }
        if userFlow == .pushMessage, customer == nil { throw .missingParameter("customer") }
        if let returnUrl, !Self.isAllowedReturnURL(returnUrl) { throw .invalidURL(returnUrl) }
        if let receiptUrl, !Self.isAllowedReturnURL(receiptUrl) { throw .invalidURL(receiptUrl) }
        if let expiresAt {
            guard receipt != nil else { throw .receiptRequired() }
            let lead = expiresAt.timeIntervalSince(now)
            guard lead > Self.expiresAtRange.lowerBound else { throw .expiresTooSoon() }
            guard lead < Self.expiresAtRange.upperBound else { throw .expiresTooLate() }
        }
        var customerToken: String?
        if case .string(let token)? = customer?["customerToken"] { customerToken = token }
        let phone = try customer.flatMap { customer throws(EPaymentProblem) in try Self.customerPhoneNumber(customer) }
        if let scope {
            for word in scope.split(separator: " ") where !Self.scopes.contains(String(word)) {
                throw .invalidScope(String(word))
            }
        }
        if let metadata {
            guard metadata.count <= 5 else { throw .metadataCapacity() }
            guard metadata.keys.allSatisfy({ $0.count <= 100 }) else { throw .metadataKeyLength() }
            guard metadata.values.allSatisfy({ $0.count <= 500 }) else { throw .metadataValueLength() }
        }
        return EPaymentCreation(
            reference: reference,
            amount: Int(amount),
            currency: currency,
            userFlow: userFlow,
            paymentMethod: paymentMethod,
            customerPhoneNumber: phone,
            customerToken: customerToken,
            returnUrl: returnUrl,
            paymentDescription: description,
            metadata: metadata,
            scope: scope,
            qrFormat: userFlow == .qr ? (qrFormat ?? .svg) : nil,
            qrSize: qrFormat == .png ? (qrSize ?? QRFormat.defaultPNGSize) : nil,
            expiresAt: expiresAt,
            receipt: receipt,
            receiptUrl: receiptUrl
        )
    }

    /// `https://…` or a custom scheme (`myapp://…`), as Vipps; plus plain `http://` to a loopback
    /// host: a shop under development on this machine has no certificate, and no customer outside
    /// it can be sent there. Never a relative URL.
    static func isAllowedReturnURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        if scheme == "https" { return url.host?.isEmpty == false }
        if scheme == "http" {
            guard let host = url.host else { return false }
            return LoopbackHost.contains(host)
        }
        return text.contains("://")
    }

    /// The customer's MSISDN; a personal QR names it in its last path segment. A customer token is
    /// resolved by the route (`CustomerTokens`), so it gives no number here.
    private static func customerPhoneNumber(_ customer: [String: JSONValue]) throws(EPaymentProblem) -> String? {
        if let qr = customer["personalQr"], qr != .null {
            guard case .string(let text) = qr, (5...255).contains(text.count),
                let url = URL(string: text), url.host == "qr.vipps.no",
                let phone = url.pathComponents.last, isMSISDN(phone)
            else { throw .invalidPersonalQr() }
            return phone
        }
        if let token = customer["customerToken"], token != .null {
            guard case .string(let text) = token, !text.isEmpty else { throw .invalidCustomerToken() }
            return nil
        }
        guard let phone = customer["phoneNumber"]?.lenientString, isMSISDN(phone) else {
            throw .invalidPhoneNumber(
                "The phone number must be 10 to 15 digits with the country code (\(countryCodes.joined(separator: ", "))), without + or 00."
            )
        }
        return phone
    }

    static func isMSISDN(_ phone: String) -> Bool {
        (10...15).contains(phone.count) && phone.allSatisfy { $0.isASCII && $0.isNumber }
            && countryCodes.contains { phone.hasPrefix($0) }
    }

    private mutating func lenientString(_ value: JSONValue?, name: String) -> String? {
        switch value {
        case .string(let text)?: return text
        case .integer(let number)?: return String(number)
        case nil, .null?: bad(name, "The field \(name) is required.")
        default: bad(name, "The field \(name) must be a string.")
        }
        return nil
    }

    private mutating func optionalString(_ value: JSONValue?, name: String) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default:
            bad(name, "The field \(name) must be a string.")
            return nil
        }
    }

    private mutating func enumValue<T: RawRepresentable & CaseIterable>(
        _ value: JSONValue?, name: String, _ type: T.Type
    ) -> T?
    where T.RawValue == String {
        guard case .string(let text)? = value else {
            bad(
                name,
                value == nil || value == .null
                    ? "The field \(name) is required." : "The field \(name) must be a string.")
            return nil
        }
        guard let found = T.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }) else {
            bad(name, "The field \(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
            return nil
        }
        return found
    }
}

enum CustomerInteraction: String, CaseIterable {
    case present = "CUSTOMER_PRESENT"
    case notPresent = "CUSTOMER_NOT_PRESENT"
}
