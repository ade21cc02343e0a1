import VippsHTTP

/// What a shop fills in to start a payment (docs/ecom-v2.md#initiate). Required: order id, amount,
/// transaction text, callback prefix, fallback URL. Each setter-time check happens again in
/// `validate()`, so a request built any way is checked before it is sent.
public struct InitiatePaymentRequest: Sendable {
    public var orderId: String?
    /// Minor units of the payment's currency (øre for NOK): at least 100, or 1 for DKK and EUR.
    public var amount: Int64?
    public var transactionText: String?
    public var callbackPrefix: String?
    public var fallbackURL: String?
    /// The customer's 8-digit Norwegian number, to pre-fill the landing page.
    public var phoneNumber: String?
    /// Sent back by Vipps as the Authorization header of callbacks, to prove they are genuine.
    public var authToken: String?
    /// Express checkout: the customer picks address and shipping in the app.
    public var isExpress = false
    /// Express: where Vipps asks for shipping options (unless static options are given).
    public var shippingDetailsPrefix: String?
    /// Express: where Vipps tells the shop that a customer withdrew consent (required for express).
    public var consentRemovalPrefix: String?
    /// Express: fixed shipping options, so Vipps need not call the shop.
    public var staticShippingOptions: [ShippingOption] = []
    /// Return an app deeplink (vipps://) instead of the landing page URL.
    public var isApp = false
    /// Push straight to the phone (sales units Vipps allowed to; needs the phone number).
    public var skipLandingPage = false
    /// Profile data to share, space-separated: name address email phoneNumber birthDate nin.
    public var scope: String?
    /// ePayment only: NOK (the default), DKK or EUR.
    public var currency: Currency?
    /// ePayment only: the user flow, instead of `isApp` / `skipLandingPage`.
    public var userFlow: UserFlow?
    /// ePayment only: the customer's MSISDN (country code and number, 4791234567), for any country.
    public var customerMSISDN: String?
    /// ePayment only: the create's Idempotency-Key, for a shop that must repeat it after a crash.
    public var idempotencyKey: String?
    /// ePayment only: a long-living payment's end (RFC 3339), PUSH_MESSAGE or QR with a receipt.
    public var expiresAt: String?
    /// ePayment only: the receipt's order lines and bottom line (its currency is the payment's).
    public var receiptLines: [ReceiptLine] = []
    public var receiptBottomLine: ReceiptBottomLine?
    /// ePayment only: the customer as the content of their personal QR code, or as a customer
    /// token. At most one customer: each customer setter replaces the others.
    public var customerPersonalQr: String?
    public var customerToken: String?
    /// ePayment only, QR user flow: what the initiation's URL is, and a PNG's size.
    public var qrFormat: QRFormat?
    public var qrSize: Int32?

    public init() {}

    public mutating func setExpiresAt(_ value: String) throws(VippsError) {
        try EPaymentValidation.timestamp(value)
        expiresAt = value
    }

    public mutating func addReceiptLine(_ line: ReceiptLine) throws(VippsError) {
        try line.validate()
        receiptLines.append(line)
    }

    public mutating func setReceiptBottomLine(_ value: ReceiptBottomLine) throws(VippsError) {
        try value.validate()
        receiptBottomLine = value
    }

    public mutating func setCustomerPersonalQr(_ value: String) throws(VippsError) {
        try EPaymentCustomer.personalQr(value).validate()
        customerMSISDN = nil
        customerToken = nil
        customerPersonalQr = value
    }

    public mutating func setCustomerToken(_ value: String) throws(VippsError) {
        try EPaymentCustomer.customerToken(value).validate()
        customerMSISDN = nil
        customerPersonalQr = nil
        customerToken = value
    }

    /// `size` 0 leaves the PNG's size to Vipps.
    public mutating func setQRFormat(_ format: QRFormat, size: Int32) throws(VippsError) {
        if size != 0 {
            guard format == .png else { throw .invalidArgument("qr_format", "a size applies to IMAGE/PNG only") }
            guard (100...2000).contains(size) else {
                throw .invalidArgument("qr_format", "size must be 100 to 2000 pixels, or 0 for Vipps' default")
            }
        }
        qrFormat = format
        qrSize = size == 0 ? nil : size
    }

    public mutating func setIdempotencyKey(_ value: String) throws(VippsError) {
        try EPaymentValidation.idempotencyKey(value)
        idempotencyKey = value
    }

    public mutating func setCustomerMSISDN(_ value: String) throws(VippsError) {
        try EPaymentValidation.phoneNumber(value)
        customerPersonalQr = nil
        customerToken = nil
        customerMSISDN = value
    }

    // Setters that check the value at once, so a caller learns which field is wrong when it
    // sets it (the C ABI's setters use these).
    public mutating func setOrderId(_ value: String) throws(VippsError) {
        try Validation.orderId(value)
        orderId = value
    }

    /// Checked against the currency set so far: without one the payment is in NOK, whose minimum
    /// (100 øre) both APIs share. DKK and EUR take amounts from 1, so their currency comes first.
    public mutating func setAmount(_ value: Int64) throws(VippsError) {
        if let currency {
            try EPaymentValidation.amount(value, currency: currency)
        } else {
            try Validation.initiateAmount(value)
        }
        amount = value
    }

    public mutating func setTransactionText(_ value: String) throws(VippsError) {
        try Validation.transactionText(value)
        transactionText = value
    }

    public mutating func setCallbackPrefix(_ value: String) throws(VippsError) {
        try Validation.callbackURL(value, field: "callback_prefix")
        callbackPrefix = value
    }

    public mutating func setFallbackURL(_ value: String) throws(VippsError) {
        try Validation.fallbackURL(value)
        fallbackURL = value
    }

    public mutating func setPhoneNumber(_ value: String) throws(VippsError) {
        try Validation.phoneNumber(value)
        phoneNumber = value
    }

    public mutating func setAuthToken(_ value: String) throws(VippsError) {
        try Validation.authToken(value)
        authToken = value
    }

    public mutating func setShippingDetailsPrefix(_ value: String) throws(VippsError) {
        try Validation.callbackURL(value, field: "shipping_details_prefix")
        shippingDetailsPrefix = value
    }

    public mutating func setConsentRemovalPrefix(_ value: String) throws(VippsError) {
        try Validation.callbackURL(value, field: "consent_removal_prefix")
        consentRemovalPrefix = value
    }

    public mutating func addStaticShippingOption(_ option: ShippingOption) throws(VippsError) {
        try option.validate()
        guard staticShippingOptions.count < 10 else {
            throw .invalidArgument("static_shipping_option", "at most 10 options (the app shows 10)")
        }
        staticShippingOptions.append(option)
    }

    public mutating func setScope(_ value: String) throws(VippsError) {
        try Validation.scope(value)
        scope = value
    }

    /// Vipps' test and production environments refuse plain-http URLs (since October 2022);
    /// only a custom base URL (a local simulator) may be given http:// ones for a shop on loopback.
    func requireHTTPS() throws(VippsError) {
        let urls: [(String, String?)] = [
            ("callback_prefix", callbackPrefix), ("shipping_details_prefix", shippingDetailsPrefix),
            ("consent_removal_prefix", consentRemovalPrefix), ("fallback_url", fallbackURL),
        ]
        for (field, url) in urls {
            if let url, url.lowercased().hasPrefix("http://") {
                throw .invalidArgument(field, "must be https:// for Vipps' test and production environments")
            }
        }
    }

    func validate() throws(VippsError) {
        // What only ePayment has is refused on eCom rather than silently dropped.
        if let currency, currency != .nok {
            throw .invalidArgument("currency", "eCom takes NOK only: use the ePayment API for \(currency.rawValue)")
        }
        if userFlow != nil {
            throw .invalidArgument("user_flow", "applies to the ePayment API; on eCom use is_app or skip_landing_page")
        }
        if customerMSISDN != nil {
            throw .invalidArgument("customer_phone_number", "applies to the ePayment API; on eCom use phone_number")
        }
        if idempotencyKey != nil {
            throw .invalidArgument("idempotency_key", "applies to the ePayment API: eCom's initiate has no key")
        }
        let ePaymentOnly: [(String, Bool)] = [
            ("expires_at", expiresAt != nil), ("receipt_line", !receiptLines.isEmpty),
            ("receipt_bottom_line", receiptBottomLine != nil), ("customer_personal_qr", customerPersonalQr != nil),
            ("customer_token", customerToken != nil), ("qr_format", qrFormat != nil),
        ]
        if let refused = ePaymentOnly.first(where: { $0.1 }) {
            throw .invalidArgument(refused.0, "applies to the ePayment API only: eCom has no such field")
        }
        guard let orderId else { throw .invalidArgument("order_id", "is required") }
        try Validation.orderId(orderId)
        guard let amount else { throw .invalidArgument("amount", "is required") }
        try Validation.initiateAmount(amount)
        guard let transactionText else { throw .invalidArgument("transaction_text", "is required") }
        try Validation.transactionText(transactionText)
        guard let callbackPrefix else { throw .invalidArgument("callback_prefix", "is required") }
        try Validation.callbackURL(callbackPrefix, field: "callback_prefix")
        guard let fallbackURL else { throw .invalidArgument("fallback_url", "is required") }
        try Validation.fallbackURL(fallbackURL)
        if let phoneNumber { try Validation.phoneNumber(phoneNumber) }
        if let authToken { try Validation.authToken(authToken) }
        if let shippingDetailsPrefix {
            try Validation.callbackURL(shippingDetailsPrefix, field: "shipping_details_prefix")
        }
        if let consentRemovalPrefix {
            try Validation.callbackURL(consentRemovalPrefix, field: "consent_removal_prefix")
        }
        for option in staticShippingOptions { try option.validate() }
        if let scope { try Validation.scope(scope) }
        if isExpress {
            guard consentRemovalPrefix != nil else {
                throw .invalidArgument("consent_removal_prefix", "is required for express checkout")
            }
            guard shippingDetailsPrefix != nil || !staticShippingOptions.isEmpty else {
                throw .invalidArgument(
                    "shipping_details_prefix", "express checkout needs it or static shipping options")
            }
            guard scope == nil else { throw .invalidArgument("scope", "cannot be used with express checkout") }
        } else if shippingDetailsPrefix != nil || !staticShippingOptions.isEmpty {
            throw .invalidArgument("shipping_details_prefix", "shipping applies to express checkout only")
        }
        if skipLandingPage && phoneNumber == nil {
            throw .invalidArgument("phone_number", "is required when skipping the landing page")
        }
    }
}

/// Vipps' answer to an initiate: where to send the customer.
public struct PaymentInitiation: Sendable {
    public let orderId: String
    /// ePayment: the create's Idempotency-Key (nil on eCom).
    public var idempotencyKey: String? = nil
    /// The landing page (or app deeplink). Valid 5 minutes; must not be modified.
    public let url: String
    /// The `token` query value of `url`: what the test-only force approve needs. Nil if absent.
    public let landingToken: String?
    /// The response body exactly as Vipps sent it.
    public let json: String
}

extension VippsClient {
    /// POST /ecomm/v2/payments. Not idempotent at Vipps: a second initiate with the same order
    /// id fails (Merchant 34). When the answer is lost the error is `outcomeUnknown`.
    public func initiatePayment(_ request: InitiatePaymentRequest) throws(VippsError) -> PaymentInitiation {
        if api == .ePayment { return try ePaymentInitiate(request) }
        try request.validate()
        if !environment.isCustom { try request.requireHTTPS() }
        guard let orderId = request.orderId, let amount = request.amount, let text = request.transactionText,
            let callbackPrefix = request.callbackPrefix, let fallback = request.fallbackURL
        else {
            throw VippsError(.internalError, "initiate request passed validation with a missing field")
        }
        let encoded = JSONValue.object(
            initiateBody(
                request, orderId: orderId, amount: amount, text: text,
                callbackPrefix: callbackPrefix, fallback: fallback)
        ).utf8Bytes
        // The authToken is a secret only this call holds: scrubbed from its errors and log lines.
        let response = try configuration.scrubber.whileInFlight(request.authToken) { () throws(VippsError) in
            try sendInitiate(encoded, orderId: orderId)
        }
        do {
            return try Self.initiation(from: response, orderId: orderId)
        } catch {
            log(.warning, "initiate \(orderId): \(error.message)")
            throw unreadableSuccess(response, kind: .initiate, orderId: orderId, key: nil)
        }
    }

    /// The request body in Vipps' field names; options the caller did not set are left out.
    private func initiateBody(
        _ request: InitiatePaymentRequest, orderId: String, amount: Int64, text: String,
        callbackPrefix: String, fallback: String
    ) -> JSONObject {
        var customerInfo: JSONObject = [:]
        customerInfo["mobileNumber"] = request.phoneNumber.map(JSONValue.string)
        var merchantInfo: JSONObject = [
            "merchantSerialNumber": .string(merchantSerialNumber),
            "callbackPrefix": .string(callbackPrefix), "fallBack": .string(fallback),
        ]
        merchantInfo["authToken"] = request.authToken.map(JSONValue.string)
        merchantInfo["isApp"] = request.isApp ? .bool(true) : nil
        merchantInfo["paymentType"] = request.isExpress ? .string("eComm Express Payment") : nil
        merchantInfo["shippingDetailsPrefix"] = request.shippingDetailsPrefix.map(JSONValue.string)
        merchantInfo["consentRemovalPrefix"] = request.consentRemovalPrefix.map(JSONValue.string)
        merchantInfo["staticShippingDetails"] =
            request.staticShippingOptions.isEmpty
            ? nil : .array(request.staticShippingOptions.map(\.body))
        var transaction: JSONObject = [
            "orderId": .string(orderId), "amount": .number(Double(amount)),
            "transactionText": .string(text),
        ]
        transaction["skipLandingPage"] = request.skipLandingPage ? .bool(true) : nil
        transaction["scope"] = request.scope.map(JSONValue.string)
        return [
            "customerInfo": .object(customerInfo), "merchantInfo": .object(merchantInfo),
            "transaction": .object(transaction),
        ]
    }

    /// Reads Vipps' answer to an initiate. `package`: fuzzed directly (Sources/vipps-fuzz).
    package static func initiation(from response: HTTPResponse, orderId: String) throws(VippsError) -> PaymentInitiation
    {
        guard let json = JSONValue.parse(response.body), let url = json["url"]?.text, !url.isEmpty else {
            throw VippsError(
                .protocolError, "initiate \(orderId): Vipps' answer has no landing page url",
                httpStatus: response.status)
        }
        return PaymentInitiation(
            orderId: json["orderId"]?.text ?? orderId, url: url,
            landingToken: Self.queryValue(named: "token", in: url),
            json: String(decoding: response.body, as: UTF8.self))
    }

    /// The value of a query parameter, without percent-decoding (Vipps' tokens are URL-safe).
    static func queryValue(named name: String, in url: String) -> String? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 && parts[0] == name && !parts[1].isEmpty { return String(parts[1]) }
        }
        return nil
    }
}
