import Foundation

/// Checks an initiate request against the rules of docs/ecom-v2.md#initiate and turns it into a `PaymentInitiation`.
///
/// Errors are `InvalidRequest` (HTTP 400) with the field's path as `errorCode`, e.g. `transaction.amount`:
/// one convention for every field, so that a client can map a code to a form field.
/// Rules that depend on the sales unit (known MSN, whitelisting for `skipLandingPage`) or on stored
/// payments (duplicate orderId) are the store's.
enum InitiationValidator {
    static let allowedScopes: Set<String> = [
        "name", "address", "email", "phoneNumber", "birthDate", "nin", "accountNumbers",
    ]

    static func validate(_ command: InitiatePaymentCommand) throws(BackendError) -> PaymentInitiation {
        guard let customerInfo = command.customerInfo else { throw missing("customerInfo") }
        guard let merchantInfo = command.merchantInfo else { throw missing("merchantInfo") }
        guard let transaction = command.transaction else { throw missing("transaction") }

        let mobileNumber = customerInfo.mobileNumber
        if let mobileNumber, !isDigits(mobileNumber, count: 8...8) {
            throw .invalidRequest(
                field: "customerInfo.mobileNumber",
                "customerInfo.mobileNumber must be 8 digits, without +47, 0047 or spaces.")
        }

        guard let merchantSerialNumber = merchantInfo.merchantSerialNumber else {
            throw missing("merchantInfo.merchantSerialNumber")
        }
        guard isDigits(merchantSerialNumber, count: 5...6) else {
            throw .invalidRequest(
                field: "merchantInfo.merchantSerialNumber",
                "merchantInfo.merchantSerialNumber must be a string of 5 or 6 digits.")
        }

        let isApp = merchantInfo.isApp ?? false
        guard let callbackPrefix = merchantInfo.callbackPrefix else { throw missing("merchantInfo.callbackPrefix") }
        try checkWebURL(callbackPrefix, field: "merchantInfo.callbackPrefix")
        guard let fallBack = merchantInfo.fallBack else { throw missing("merchantInfo.fallBack") }
        try checkFallBack(fallBack, isApp: isApp)
        if let authToken = merchantInfo.authToken, authToken.count > 255 {
            throw .invalidRequest(
                field: "merchantInfo.authToken", "merchantInfo.authToken must be at most 255 characters.")
        }
        if let prefix = merchantInfo.consentRemovalPrefix {
            try checkWebURL(prefix, field: "merchantInfo.consentRemovalPrefix")
        }
        if let prefix = merchantInfo.shippingDetailsPrefix {
            try checkWebURL(prefix, field: "merchantInfo.shippingDetailsPrefix")
        }

        let paymentType = try paymentType(merchantInfo.paymentType)
        if paymentType == .express {
            guard merchantInfo.consentRemovalPrefix != nil else {
                throw .invalidRequest(
                    field: "merchantInfo.consentRemovalPrefix",
                    "merchantInfo.consentRemovalPrefix is required for express payments.")
            }
            guard merchantInfo.shippingDetailsPrefix != nil || merchantInfo.staticShippingDetails != nil else {
                throw .invalidRequest(
                    field: "merchantInfo.shippingDetailsPrefix",
                    "Express payments need merchantInfo.shippingDetailsPrefix or merchantInfo.staticShippingDetails."
                )
            }
        }

        guard let orderId = transaction.orderId else { throw missing("transaction.orderId") }
        guard !orderId.isEmpty, orderId.count <= 50,
            orderId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else {
            throw .invalidRequest(
                field: "transaction.orderId", "transaction.orderId must be 1 to 50 characters of a-z, A-Z, 0-9 and '-'."
            )
        }
        guard let amount = transaction.amount else { throw missing("transaction.amount") }
        guard amount >= 100 else {
            throw .invalidRequest(
                field: "transaction.amount", "transaction.amount must be at least 100 (øre, that is 1 NOK).")
        }
        guard let transactionText = transaction.transactionText else { throw missing("transaction.transactionText") }
        guard (1...100).contains(transactionText.count) else {
            throw .invalidRequest(
                field: "transaction.transactionText", "transaction.transactionText must be 1 to 100 characters.")
        }
        if let scope = transaction.scope { try checkScope(scope, paymentType: paymentType) }

        return PaymentInitiation(
            merchantSerialNumber: merchantSerialNumber,
            orderId: orderId,
            amount: amount,
            transactionText: transactionText,
            paymentType: paymentType,
            isApp: isApp,
            skipLandingPage: transaction.skipLandingPage ?? false,
            callbackPrefix: callbackPrefix,
            fallBack: fallBack,
            authToken: merchantInfo.authToken,
            consentRemovalPrefix: merchantInfo.consentRemovalPrefix,
            shippingDetailsPrefix: merchantInfo.shippingDetailsPrefix,
            staticShippingDetails: merchantInfo.staticShippingDetails,
            mobileNumber: mobileNumber,
            scope: transaction.scope
        )
    }

    static func isDigits(_ string: String, count: ClosedRange<Int>) -> Bool {
        count.contains(string.count) && string.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func missing(_ field: String) -> BackendError {
        .invalidRequest(field: field, "\(field) is required.")
    }

    private static func checkWebURL(_ url: String, field: String) throws(BackendError) {
        guard url.count <= URLRules.maximumLength, URLRules.isWebURL(url) else {
            throw .invalidRequest(
                field: field, "\(field) must be an http:// or https:// URL of at most 255 characters.")
        }
    }

    /// With `isApp` Vipps does not URL-validate `fallBack` (docs/ecom-v2.md#initiate): an app may pass its own
    /// scheme or, on Android, the literal "INTENT".
    private static func checkFallBack(_ fallBack: String, isApp: Bool) throws(BackendError) {
        let field = "merchantInfo.fallBack"
        guard !fallBack.isEmpty, fallBack.count <= URLRules.maximumLength else {
            throw .invalidRequest(field: field, "\(field) must be 1 to 255 characters.")
        }
        guard isApp || URLRules.isWebOrAppURL(fallBack) else {
            throw .invalidRequest(field: field, "\(field) must be an http://, https:// or app-scheme (myapp://) URL.")
        }
    }

    private static func paymentType(_ raw: String?) throws(BackendError) -> PaymentType {
        guard let raw else { return .regular }
        guard let type = PaymentType(rawValue: raw) else {
            throw .invalidRequest(
                field: "merchantInfo.paymentType",
                "merchantInfo.paymentType must be \"eComm Regular Payment\" or \"eComm Express Payment\" (exactly so)."
            )
        }
        return type
    }

    private static func checkScope(_ scope: String, paymentType: PaymentType) throws(BackendError) {
        let field = "transaction.scope"
        let values = scope.split(separator: " ").map(String.init)
        guard !values.isEmpty, values.allSatisfy(allowedScopes.contains) else {
            throw .invalidRequest(
                field: field,
                "\(field) must be a space-separated list of: name, address, email, phoneNumber, birthDate, nin."
            )
        }
        guard paymentType == .regular else {
            throw .invalidRequest(field: field, "\(field) cannot be used with express payments.")
        }
    }
}

/// URL checks for the URLs a merchant hands over at initiate.
///
/// Deliberate, friendly deviation from Vipps: Vipps demands HTTPS and public DNS names on common ports
/// for `callbackPrefix`, `fallBack`, `consentRemovalPrefix` and `shippingDetailsPrefix`
/// (docs/ecom-v2.md#calls-to-the-shop). The simulator also accepts `http://` and any host and port, because the shop
/// under test runs on loopback, often without TLS. `fallBack` may also use a custom scheme (`myapp://result`), as at
/// Vipps.
enum URLRules {
    static let maximumLength = 255

    /// An absolute `http://` or `https://` URL with a host.
    static func isWebURL(_ string: String) -> Bool {
        guard !string.contains(where: \.isWhitespace), let components = URLComponents(string: string),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// A web URL or a URL with an app's own scheme (`myapp://…`).
    static func isWebOrAppURL(_ string: String) -> Bool {
        if isWebURL(string) { return true }
        guard !string.contains(where: \.isWhitespace), let components = URLComponents(string: string),
            let scheme = components.scheme, !scheme.isEmpty
        else { return false }
        return string.count > scheme.count + 1
    }
}
