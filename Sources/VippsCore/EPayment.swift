import VippsHTTP

/// The ePayment v1 vocabulary (docs/epayment-client.md) in the library's merchant-facing terms. Where eCom
/// and ePayment differ in input rules (reference length, phone format, text lengths), the ePayment
/// rule is checked here, before anything is sent.
public enum Currency: String, Sendable, CaseIterable {
    case nok = "NOK"
    case dkk = "DKK"
    case eur = "EUR"

    /// The smallest payment Vipps takes in this currency, in minor units.
    public var minimumAmount: Int64 { self == .nok ? 100 : 1 }
}

/// How the customer meets the payment (docs/epayment.md#user-flows).
public enum UserFlow: String, Sendable, CaseIterable {
    /// The landing page (or, on a phone, the app): needs a return URL.
    case webRedirect = "WEB_REDIRECT"
    /// A `vipps://` URL for the shop's own app to open.
    case nativeRedirect = "NATIVE_REDIRECT"
    /// Straight to the customer's app: needs a customer.
    case pushMessage = "PUSH_MESSAGE"
    /// A one-time QR code for a customer-facing screen.
    case qr = "QR"
}

/// What `redirectUrl` is in the QR user flow: an image of the code (SVG, the default, or PNG) or
/// the target URL for a shop that draws the code itself.
public enum QRFormat: String, Sendable, CaseIterable {
    case svg = "IMAGE/SVG+XML"
    case png = "IMAGE/PNG"
    case targetURL = "TEXT/TARGETURL"
}

/// One order line of a receipt, in minor units of the payment's currency. `taxRate` is in
/// hundredths of a percent (2500 = 25 %), as ePayment's newer field has it.
public struct ReceiptLine: Sendable, Equatable {
    public var id: String
    public var name: String
    public var totalAmount: Int64
    public var totalAmountExcludingTax: Int64
    public var totalTaxAmount: Int64
    public var taxRate: Int32
    public var isShipping: Bool

    public init(
        id: String, name: String, totalAmount: Int64, totalAmountExcludingTax: Int64, totalTaxAmount: Int64,
        taxRate: Int32, isShipping: Bool
    ) {
        self.id = id
        self.name = name
        self.totalAmount = totalAmount
        self.totalAmountExcludingTax = totalAmountExcludingTax
        self.totalTaxAmount = totalTaxAmount
        self.taxRate = taxRate
        self.isShipping = isShipping
    }

    func validate() throws(VippsError) {
        try EPaymentValidation.receiptText(id, field: "receipt_line_id")
        try EPaymentValidation.receiptText(name, field: "receipt_line_name")
        let amounts = [
            ("receipt_line_total_amount", totalAmount),
            ("receipt_line_total_amount_excluding_tax", totalAmountExcludingTax),
            ("receipt_line_total_tax_amount", totalTaxAmount),
        ]
        for (field, value) in amounts where !(0...65_000_000).contains(value) {
            throw .invalidArgument(field, "must be 0 to 65000000 minor units")
        }
        guard (0...10_000).contains(taxRate) else {
            throw .invalidArgument("receipt_line_tax_rate", "must be 0 to 10000 (hundredths of a percent)")
        }
    }

    var body: JSONValue {
        var line: JSONObject = [
            "id": .string(id), "name": .string(name), "totalAmount": .number(Double(totalAmount)),
            "totalAmountExcludingTax": .number(Double(totalAmountExcludingTax)),
            "totalTaxAmount": .number(Double(totalTaxAmount)), "taxRate": .number(Double(taxRate)),
        ]
        // The order-management schema still requires the whole-percent field; it is sent too
        // whenever the rate is a whole percent, so the line is valid under both schemas.
        if taxRate % 100 == 0 { line["taxPercentage"] = .number(Double(taxRate / 100)) }
        if isShipping { line["isShipping"] = .bool(true) }
        return .object(line)
    }
}

/// A receipt's bottom line beyond its currency (always the payment's).
public struct ReceiptBottomLine: Sendable, Equatable {
    /// Minor units; 0 for none.
    public var tipAmount: Int64
    public var posId: String?
    public var receiptNumber: String?

    public init(tipAmount: Int64, posId: String?, receiptNumber: String?) {
        self.tipAmount = tipAmount
        self.posId = posId
        self.receiptNumber = receiptNumber
    }

    func validate() throws(VippsError) {
        guard (0...65_000_000).contains(tipAmount) else {
            throw .invalidArgument("receipt_tip_amount", "must be 0 to 65000000 minor units")
        }
        if let posId { try EPaymentValidation.receiptText(posId, field: "receipt_pos_id") }
        if let receiptNumber { try EPaymentValidation.receiptText(receiptNumber, field: "receipt_number") }
    }

    /// The receipt as ePayment takes it: the lines and this bottom line in `currency`.
    static func receiptJSON(lines: [ReceiptLine], bottomLine: ReceiptBottomLine?, currency: Currency)
        throws(VippsError) -> String
    {
        guard !lines.isEmpty else {
            throw .invalidArgument("receipt_line", "a receipt needs at least one order line")
        }
        var bottom: JSONObject = ["currency": .string(currency.rawValue)]
        if let bottomLine {
            if bottomLine.tipAmount > 0 { bottom["tipAmount"] = .number(Double(bottomLine.tipAmount)) }
            bottom["posId"] = bottomLine.posId.map(JSONValue.string)
            bottom["receiptNumber"] = bottomLine.receiptNumber.map(JSONValue.string)
        }
        return JSONValue.object(["orderLines": .array(lines.map(\.body)), "bottomLine": .object(bottom)]).serialized()
    }
}

/// Who pays, when the shop knows it: exactly one of the three (docs/epayment.md#customers).
public enum EPaymentCustomer: Sendable, Equatable {
    /// An MSISDN: country code and number, 10 to 15 digits, no `+` or `00` (4791234567).
    case phoneNumber(String)
    /// The whole content of the customer's personal QR code, scanned by the shop.
    case personalQr(String)
    /// A token Vipps handed the shop when the customer checked in.
    case customerToken(String)

    var body: JSONObject {
        switch self {
        case .phoneNumber(let value): ["phoneNumber": .string(value)]
        case .personalQr(let value): ["personalQr": .string(value)]
        case .customerToken(let value): ["customerToken": .string(value)]
        }
    }

    func validate() throws(VippsError) {
        switch self {
        case .phoneNumber(let value): try EPaymentValidation.phoneNumber(value)
        case .personalQr(let value):
            try Validation.headerText(value, field: "customer_personal_qr", maxLength: 255)
            guard value.utf8.count >= 5 else {
                throw .invalidArgument("customer_personal_qr", "must be 5 to 255 characters")
            }
        case .customerToken(let value):
            try Validation.headerText(value, field: "customer_token", maxLength: 255)
        }
    }
}

/// What a shop fills in to create an ePayment payment. Required: reference, amount, and for
/// `webRedirect` a return URL, for `pushMessage` a customer.
public struct CreatePaymentRequest: Sendable {
    /// 8 to 64 characters of a-z, A-Z, 0-9 and '-', unique per sales unit (eCom order ids included).
    public var reference: String?
    /// Minor units of `currency` (øre, cents).
    public var amount: Int64?
    public var currency: Currency = .nok
    public var userFlow: UserFlow = .webRedirect
    /// https:// or the shop's own scheme (myapp://done); http:// only on a custom base URL.
    public var returnURL: String?
    public var customer: EPaymentCustomer?
    /// eCom's transaction text: 3 to 100 characters, optional.
    public var paymentDescription: String?
    /// Profile data to share, as on eCom.
    public var scope: String?
    /// A long-living payment's end (RFC 3339); only with `pushMessage` or `qr`, and needs a receipt.
    public var expiresAt: String?
    /// Vipps' order-management receipt as a JSON object (`orderLines`, `bottomLine`).
    public var receiptJSON: String?
    /// QR user flow only: what `redirectUrl` is, and a PNG's size in pixels (100 to 2000).
    public var qrFormat: QRFormat?
    public var qrSize: Int32?

    public init() {}

    public mutating func setReference(_ value: String) throws(VippsError) {
        try EPaymentValidation.createReference(value)
        reference = value
    }

    public mutating func setAmount(_ value: Int64) throws(VippsError) {
        try EPaymentValidation.amount(value, currency: currency)
        amount = value
    }

    public mutating func setReturnURL(_ value: String) throws(VippsError) {
        try Validation.fallbackURL(value)
        returnURL = value
    }

    public mutating func setCustomer(_ value: EPaymentCustomer) throws(VippsError) {
        try value.validate()
        customer = value
    }

    public mutating func setPaymentDescription(_ value: String) throws(VippsError) {
        try EPaymentValidation.paymentDescription(value)
        paymentDescription = value
    }

    public mutating func setExpiresAt(_ value: String) throws(VippsError) {
        try EPaymentValidation.timestamp(value)
        expiresAt = value
    }

    public mutating func setReceiptJSON(_ value: String) throws(VippsError) {
        _ = try EPaymentValidation.receipt(value)
        receiptJSON = value
    }

    func validate(customEnvironment: Bool) throws(VippsError) {
        guard let reference else { throw .invalidArgument("reference", "is required") }
        try EPaymentValidation.createReference(reference)
        guard let amount else { throw .invalidArgument("amount", "is required") }
        try EPaymentValidation.amount(amount, currency: currency)
        if let returnURL {
            try Validation.fallbackURL(returnURL)
            if !customEnvironment && returnURL.lowercased().hasPrefix("http://") {
                throw .invalidArgument("return_url", "must be https:// or an app's own scheme")
            }
        } else if userFlow == .webRedirect {
            throw .invalidArgument("return_url", "is required for the WEB_REDIRECT user flow")
        }
        if let customer { try customer.validate() }
        if userFlow == .pushMessage && customer == nil {
            throw .invalidArgument("customer", "is required for the PUSH_MESSAGE user flow")
        }
        if let paymentDescription { try EPaymentValidation.paymentDescription(paymentDescription) }
        if let scope { try Validation.scope(scope) }
        if let receiptJSON { _ = try EPaymentValidation.receipt(receiptJSON) }
        if let expiresAt {
            try EPaymentValidation.timestamp(expiresAt)
            guard userFlow == .pushMessage || userFlow == .qr else {
                throw .invalidArgument("expires_at", "is only allowed with the PUSH_MESSAGE and QR user flows")
            }
            guard receiptJSON != nil else { throw .invalidArgument("receipt", "is required with expires_at") }
        }
        if qrFormat != nil, userFlow != .qr {
            throw .invalidArgument("qr_format", "applies to the QR user flow only")
        }
        if let qrSize {
            guard qrFormat == .png else { throw .invalidArgument("qr_format", "a size applies to IMAGE/PNG only") }
            guard (100...2000).contains(qrSize) else {
                throw .invalidArgument("qr_format", "size must be 100 to 2000 pixels")
            }
        }
    }

    /// The body in ePayment's field names; options the caller did not set are left out.
    func body(reference: String, amount: Int64) throws(VippsError) -> JSONObject {
        var body: JSONObject = [
            "amount": .object(["currency": .string(currency.rawValue), "value": .number(Double(amount))]),
            "paymentMethod": .object(["type": .string("WALLET")]),
            "reference": .string(reference),
            "userFlow": .string(userFlow.rawValue),
        ]
        body["returnUrl"] = returnURL.map(JSONValue.string)
        body["customer"] = customer.map { .object($0.body) }
        body["paymentDescription"] = paymentDescription.map(JSONValue.string)
        body["profile"] = scope.map { .object(["scope": .string($0)]) }
        body["expiresAt"] = expiresAt.map(JSONValue.string)
        if let receiptJSON { body["receipt"] = try EPaymentValidation.receipt(receiptJSON) }
        if let qrFormat {
            var format: JSONObject = ["format": .string(qrFormat.rawValue)]
            format["size"] = qrSize.map { .number(Double($0)) }
            body["qrFormat"] = .object(format)
        }
        return body
    }
}

enum EPaymentValidation {
    static func isReferenceByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            return true
        default: return false
        }
    }

    /// A reference to read or modify: 1 to 64 characters, so that eCom order ids (from 1
    /// character) stay reachable.
    static func reference(_ value: String) throws(VippsError) {
        guard (1...64).contains(value.utf8.count), value.utf8.allSatisfy(isReferenceByte) else {
            throw .invalidArgument("order_id", "must be 1 to 64 characters of a-z, A-Z, 0-9 and '-'")
        }
    }

    /// A new payment's reference: ePayment requires at least 8 characters.
    static func createReference(_ value: String) throws(VippsError) {
        guard (8...64).contains(value.utf8.count), value.utf8.allSatisfy(isReferenceByte) else {
            throw .invalidArgument("reference", "must be 8 to 64 characters of a-z, A-Z, 0-9 and '-'")
        }
    }

    static func amount(_ value: Int64, currency: Currency) throws(VippsError) {
        guard value >= currency.minimumAmount, value <= 65_000_000 else {
            throw .invalidArgument(
                "amount", "must be \(currency.minimumAmount) to 65000000 minor units of \(currency.rawValue)")
        }
    }

    /// A capture or refund: any positive amount up to ePayment's maximum, or "everything".
    static func operationAmount(_ value: Int64) throws(VippsError) {
        if value == VippsClient.remainingAmount { return }
        if value == 0 { try Validation.operationAmount(value) }  // its message explains "everything"
        guard value > 0, value <= 65_000_000 else {
            throw .invalidArgument("amount", "must be 1 to 65000000 minor units, or VIPPS_AMOUNT_REMAINING")
        }
    }

    static func phoneNumber(_ value: String) throws(VippsError) {
        guard (10...15).contains(value.utf8.count),
            value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw .invalidArgument(
                "customer_phone_number", "must be 10 to 15 digits: country code and number, no + or 00 (4791234567)")
        }
    }

    static func paymentDescription(_ value: String) throws(VippsError) {
        guard (3...100).contains(value.count) else {
            throw .invalidArgument("payment_description", "must be 3 to 100 characters")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw .invalidArgument("payment_description", "must not contain control characters")
        }
    }

    /// Idempotency-Key: 1 to 50 visible ASCII characters.
    static func idempotencyKey(_ value: String) throws(VippsError) {
        guard (1...50).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidArgument("idempotency_key", "must be 1 to 50 printable ASCII characters without spaces")
        }
    }

    /// RFC 3339 with seconds and a zone, as ePayment's schema has it (2026-12-24T18:00:00Z).
    static func timestamp(_ value: String) throws(VippsError) {
        let bytes = Array(value.utf8)
        let digit = { (index: Int) -> Bool in
            index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
        }
        let at = { (index: Int, character: Character) -> Bool in
            index < bytes.count && character.asciiValue == bytes[index]
        }
        var shape =
            [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].allSatisfy(digit) && at(4, "-") && at(7, "-")
            && (at(10, "T") || at(10, "t")) && at(13, ":") && at(16, ":")
        var index = 19
        if shape && at(index, ".") {
            index += 1
            let start = index
            while digit(index) { index += 1 }
            shape = index > start
        }
        let zone = bytes.count - index
        if shape {
            shape =
                zone == 1 && (at(index, "Z") || at(index, "z"))
                || (zone == 6 && (at(index, "+") || at(index, "-")) && digit(index + 1) && digit(index + 2)
                    && at(index + 3, ":") && digit(index + 4) && digit(index + 5))
        }
        guard shape else {
            throw .invalidArgument(
                "expires_at", "must be an RFC 3339 time with seconds and zone (2026-12-24T18:00:00Z)")
        }
    }

    /// A receipt's text field: 1 to 255 characters, no control characters (UTF-8 allowed: a
    /// product name is shown to the customer as written).
    static func receiptText(_ value: String, field: String) throws(VippsError) {
        guard (1...255).contains(value.count),
            !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else {
            throw .invalidArgument(field, "must be 1 to 255 characters without control characters")
        }
    }

    static func receipt(_ value: String) throws(VippsError) -> JSONValue {
        guard let receipt = JSONValue.parse(Array(value.utf8)), case .object = receipt,
            let lines = receipt["orderLines"]?.arrayValue, !lines.isEmpty, case .object? = receipt["bottomLine"]
        else {
            throw .invalidArgument("receipt", "must be a JSON object with orderLines (at least one) and bottomLine")
        }
        return receipt
    }
}

/// A payment as ePayment reports it (GET, and the answer to capture, refund and cancel), with the
/// amounts in the same terms as eCom's details.
public struct EPaymentPayment: Sendable {
    public let reference: String
    public let pspReference: String
    /// ePayment's own state: CREATED, AUTHORIZED, ABORTED, EXPIRED or TERMINATED.
    public let ePaymentState: String
    /// The merchant-facing state, the same vocabulary as eCom's (see `PaymentState(ePayment:…)`).
    public let state: PaymentState
    public let currency: String
    public let amount: Int64
    public let authorizedAmount: Int64
    public let capturedAmount: Int64
    public let refundedAmount: Int64
    public let cancelledAmount: Int64
    public let remainingToCapture: Int64
    public let remainingToRefund: Int64
    /// Where the customer continues the payment, when Vipps says.
    public let redirectURL: String?
    /// The Idempotency-Key the call used ("" for a read): keep it with the order to repeat the
    /// operation safely after a crash.
    public let idempotencyKey: String
    /// The response body exactly as Vipps sent it.
    public let json: String
    /// The customer's profile.sub (or a top-level sub), when Vipps sent one.
    public var sub: String? = nil

    /// Reads a GetPaymentResponse or ModificationResponse. Lenient about missing members, strict
    /// about what it needs (a state). `package`: parsed straight from bytes in tests.
    package static func parse(_ bytes: [UInt8], reference: String, idempotencyKey: String) throws(VippsError)
        -> EPaymentPayment
    {
        guard let body = JSONValue.parse(bytes), case .object = body, let state = body["state"]?.text else {
            throw VippsError(.protocolError, "\(reference): Vipps' answer is not a payment with a state")
        }
        guard !body.containsNUL(parsedFrom: bytes) else {
            throw VippsError(.protocolError, "\(reference): Vipps' answer holds a NUL character")
        }
        let aggregate = body["aggregate"]
        let value = { (name: String) -> Int64 in max(0, aggregate?[name]?["value"]?.integerValue ?? 0) }
        let authorized = value("authorizedAmount")
        let captured = value("capturedAmount")
        let refunded = value("refundedAmount")
        let cancelled = value("cancelledAmount")
        let upper = state.inCapitals
        // Subtractions of non-negative values below 2^53: no overflow.
        let remainingToCapture = upper == "AUTHORIZED" ? max(0, authorized - captured - cancelled) : 0
        let remainingToRefund = max(0, captured - refunded)
        var payment = EPaymentPayment(
            reference: body["reference"]?.text ?? reference,
            pspReference: body["pspReference"]?.text ?? "",
            ePaymentState: upper,
            state: PaymentState(
                ePayment: upper, captured: captured, refunded: refunded, cancelled: cancelled,
                remainingToCapture: remainingToCapture),
            currency: body["amount"]?["currency"]?.text ?? aggregate?["authorizedAmount"]?["currency"]?.text ?? "",
            amount: body["amount"]?["value"]?.integerValue ?? 0,
            authorizedAmount: authorized, capturedAmount: captured, refundedAmount: refunded,
            cancelledAmount: cancelled, remainingToCapture: remainingToCapture,
            remainingToRefund: remainingToRefund,
            redirectURL: body["redirectUrl"]?.text, idempotencyKey: idempotencyKey,
            json: String(decoding: bytes, as: UTF8.self))
        payment.sub = PaymentDetails.sub(in: body)
        return payment
    }
}

extension PaymentState {
    /// ePayment's state and aggregate in eCom's vocabulary, so that a shop's state handling stays
    /// the same on both APIs:
    ///
    /// | ePayment | aggregate | state |
    /// |---|---|---|
    /// | CREATED | — | initiated |
    /// | AUTHORIZED | nothing captured or cancelled | reserved |
    /// | AUTHORIZED | captured, some left to capture | partiallyCaptured |
    /// | AUTHORIZED | captured, nothing left | captured |
    /// | AUTHORIZED | refunded less than captured / all of it | partiallyRefunded / refunded |
    /// | AUTHORIZED | cancelled, nothing captured | voided |
    /// | ABORTED, TERMINATED | — | cancelled |
    /// | EXPIRED | — | expired |
    public init(ePayment state: String, captured: Int64, refunded: Int64, cancelled: Int64, remainingToCapture: Int64) {
        switch state.inCapitals {
        case "CREATED": self = .initiated
        case "ABORTED", "TERMINATED": self = .cancelled
        case "EXPIRED": self = .expired
        case "AUTHORIZED":
            if refunded > 0 {
                self = refunded >= captured ? .refunded : .partiallyRefunded
            } else if captured > 0 {
                self = remainingToCapture > 0 ? .partiallyCaptured : .captured
            } else if cancelled > 0 {
                self = .voided
            } else {
                self = .reserved
            }
        default: self = .unknown
        }
    }
}

/// One entry of ePayment's event log, oldest first as Vipps sends it.
public struct EPaymentEvent: Sendable, Equatable {
    /// CREATED, AUTHORIZED, ABORTED, EXPIRED, CANCELLED, CAPTURED, REFUNDED or TERMINATED.
    public let name: String
    public let amount: Int64
    public let currency: String
    public let pspReference: String
    public let timestamp: String
    /// The key of the request that caused it ("" when none).
    public let idempotencyKey: String
    public let success: Bool

    package static func parseLog(_ bytes: [UInt8], reference: String) throws(VippsError) -> [EPaymentEvent] {
        guard let body = JSONValue.parse(bytes), let items = body.arrayValue else {
            throw VippsError(.protocolError, "events \(reference): Vipps' answer is not a JSON array")
        }
        guard !body.containsNUL(parsedFrom: bytes) else {
            throw VippsError(.protocolError, "events \(reference): Vipps' answer holds a NUL character")
        }
        return items.map { item in
            EPaymentEvent(
                name: (item["name"]?.text ?? "").inCapitals,
                amount: item["amount"]?["value"]?.integerValue ?? 0,
                currency: item["amount"]?["currency"]?.text ?? "",
                pspReference: item["pspReference"]?.text ?? "",
                timestamp: item["timestamp"]?.text ?? "",
                idempotencyKey: item["idempotencyKey"]?.text ?? "",
                success: item["success"].map { $0 == .bool(true) || $0.text == "true" } ?? true)
        }
    }
}

/// Vipps' answer to a create: where to send the customer.
public struct PaymentCreation: Sendable {
    public let reference: String
    /// Landing page, app URL or QR image; nil for PUSH_MESSAGE. Use it unmodified.
    public let redirectURL: String?
    /// The `token` of `redirectURL`: what the test-only force approve takes. Nil if absent.
    public let landingToken: String?
    /// The Idempotency-Key the create used: repeating the create with it is safe.
    public let idempotencyKey: String
    public let json: String
}
