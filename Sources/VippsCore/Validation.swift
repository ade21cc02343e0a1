import VippsHTTP

/// Checks applied before anything goes on the wire, with the limits of docs/ecom-v2.md#initiate and
/// docs/ecom-v2.md#field-limits. Each failure names the field, so a shop developer sees what to fix without a round
/// trip.
enum Validation {
    static func orderId(_ value: String) throws(VippsError) {
        guard !value.isEmpty, value.utf8.count <= 50 else {
            throw .invalidArgument("order_id", "must be 1 to 50 characters")
        }
        guard value.utf8.allSatisfy({ isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") }) else {
            throw .invalidArgument("order_id", "may contain only a-z, A-Z, 0-9 and '-'")
        }
    }

    static func merchantSerialNumber(_ value: String) throws(VippsError) {
        guard (5...6).contains(value.utf8.count), value.utf8.allSatisfy(isASCIIDigit) else {
            throw .invalidArgument("merchant_serial_number", "must be 5 or 6 digits")
        }
    }

    static func initiateAmount(_ value: Int64) throws(VippsError) {
        guard value >= 100 else {
            throw .invalidArgument(
                "amount", "must be at least 100 øre (1 NOK); a DKK or EUR payment on ePayment sets its currency first")
        }
        // Vipps stores amounts as 32-bit integers on some paths; nothing larger is a real payment.
        guard value <= Int64(Int32.max) else {
            throw .invalidArgument("amount", "must be at most \(Int32.max) øre")
        }
    }

    static func transactionText(_ value: String) throws(VippsError) {
        guard !value.isEmpty, value.count <= 100 else {
            throw .invalidArgument("transaction_text", "must be 1 to 100 characters")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw .invalidArgument("transaction_text", "must not contain control characters")
        }
    }

    static func phoneNumber(_ value: String, field: String = "phone_number") throws(VippsError) {
        guard value.utf8.count == 8, value.utf8.allSatisfy(isASCIIDigit) else {
            throw .invalidArgument(field, "must be 8 digits without country code or spaces")
        }
    }

    /// Callback prefixes and fallback URLs: absolute http(s) URLs of at most 255 characters. Vipps
    /// itself requires https; http is accepted here because a local simulator and shop use it,
    /// and Vipps' own answer is the authority for real environments.
    static func callbackURL(_ value: String, field: String) throws(VippsError) {
        guard !value.isEmpty, value.utf8.count <= 255 else {
            throw .invalidArgument(field, "must be 1 to 255 characters")
        }
        let lowered = value.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else {
            throw .invalidArgument(field, "must be an https:// URL")
        }
        guard value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidArgument(field, "must not contain spaces or non-ASCII characters (percent-encode them)")
        }
    }

    /// The fallBack may also be an app's own scheme (myshop://done) for native apps.
    static func fallbackURL(_ value: String) throws(VippsError) {
        guard !value.isEmpty, value.utf8.count <= 255 else {
            throw .invalidArgument("fallback_url", "must be 1 to 255 characters")
        }
        guard let colon = value.firstIndex(of: ":"), colon != value.startIndex,
            value[..<colon].utf8.allSatisfy({ isASCIIAlphanumeric($0) || "+-.".utf8.contains($0) })
        else {
            throw .invalidArgument("fallback_url", "must be an absolute URL (https://... or yourapp://...)")
        }
        guard value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidArgument(
                "fallback_url", "must not contain spaces or non-ASCII characters (percent-encode them)")
        }
    }

    static func authToken(_ value: String) throws(VippsError) {
        guard !value.isEmpty, value.utf8.count <= 255 else {
            throw .invalidArgument("auth_token", "must be 1 to 255 characters")
        }
        // It comes back as an Authorization header value on callbacks.
        guard value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw .invalidArgument("auth_token", "must be printable ASCII")
        }
        // HTTP strips spaces around a header value, so such a token would never match.
        guard value.utf8.first != 0x20, value.utf8.last != 0x20 else {
            throw .invalidArgument("auth_token", "must not begin or end with a space")
        }
        // Shorter values are not scrubbed from text the library emits (they would garble it).
        guard value.utf8.count >= SecretScrubber.minimumLength else {
            throw .invalidArgument("auth_token", "must be at least \(SecretScrubber.minimumLength) characters")
        }
    }

    static func headerText(_ value: String, field: String, maxLength: Int) throws(VippsError) {
        guard !value.isEmpty, value.utf8.count <= maxLength,
            value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        else {
            throw .invalidArgument(field, "must be 1 to \(maxLength) printable ASCII characters")
        }
    }

    static func baseURL(_ value: String) throws(VippsError) -> HTTPEndpoint {
        do {
            return try HTTPEndpoint(parsing: value)
        } catch {
            throw .invalidArgument("base_url", error.message)
        }
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIIDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}

extension Validation {
    static let scopeWords: Set<String> = [
        "name", "address", "email", "phoneNumber", "birthDate", "nin", "accountNumbers",
    ]

    static func scope(_ value: String) throws(VippsError) {
        let words = value.split(separator: " ").map(String.init)
        guard !words.isEmpty, words.allSatisfy(scopeWords.contains) else {
            throw .invalidArgument(
                "scope", "must be space-separated words of: name address email phoneNumber birthDate nin")
        }
    }

    /// Capture and refund amounts: whole øre from eCom's minimum of 100, or the explicit
    /// `VippsClient.remainingAmount`. Zero is refused: it is what a forgotten, null or truncated
    /// amount becomes in C, PHP and Python, so it must never mean "everything".
    static func operationAmount(_ value: Int64) throws(VippsError) {
        if value == VippsClient.remainingAmount { return }
        guard value != 0 else {
            throw .invalidArgument(
                "amount",
                "0 does not mean everything: pass VIPPS_AMOUNT_REMAINING (Python "
                    + "vipps.REMAINING, PHP Vipps\\Client::REMAINING, CLI --amount remaining) for all "
                    + "that remains, or 100 to \(Int32.max) øre")
        }
        guard value >= 100, value <= Int64(Int32.max) else {
            throw .invalidArgument(
                "amount",
                "must be 100 to \(Int32.max) øre (Vipps' minimum is 1 NOK; a smaller "
                    + "remainder is captured or refunded with VIPPS_AMOUNT_REMAINING)")
        }
    }

    /// X-Request-Id: Vipps allows 40 characters.
    static func idempotencyKey(_ value: String) throws(VippsError) {
        guard !value.isEmpty, value.utf8.count <= 40, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidArgument("idempotency_key", "must be 1 to 40 printable ASCII characters without spaces")
        }
    }
}
