import VippsHTTP

/// Why a webhook request was refused. The raw values are the C ABI's VIPPS_WEBHOOK_* constants
/// and never change meaning (docs/webhooks-client.md says what each one means for a shop).
public enum WebhookRefusal: Int32, Sendable, CaseIterable {
    case verified = 0
    case missingDate = 1
    case malformedDate = 2
    case dateOutsideWindow = 3
    case missingContentHash = 4
    case malformedContentHash = 5
    case contentHashMismatch = 6
    case missingAuthorization = 7
    case malformedAuthorization = 8
    case signatureMismatch = 9
    case methodNotPost = 10

    /// A stable word for logs and programs in languages that prefer text to numbers.
    public var code: String {
        switch self {
        case .verified: return "verified"
        case .missingDate: return "missing_date_header"
        case .malformedDate: return "malformed_date_header"
        case .dateOutsideWindow: return "date_outside_window"
        case .missingContentHash: return "missing_content_hash_header"
        case .malformedContentHash: return "malformed_content_hash_header"
        case .contentHashMismatch: return "content_hash_mismatch"
        case .missingAuthorization: return "missing_authorization_header"
        case .malformedAuthorization: return "malformed_authorization_header"
        case .signatureMismatch: return "signature_mismatch"
        case .methodNotPost: return "method_not_post"
        }
    }

    /// What went wrong, for a person reading the shop's log. Never holds a secret or the body.
    public var explanation: String {
        switch self {
        case .verified: return "webhook verified"
        case .missingDate: return "webhook refused: no x-ms-date header"
        case .malformedDate:
            return "webhook refused: x-ms-date is not an RFC 1123 date such as 'Thu, 30 Mar 2023 08:38:32 GMT'"
        case .dateOutsideWindow:
            return "webhook refused: x-ms-date is outside the accepted clock-skew window (a replay, or a wrong clock)"
        case .missingContentHash: return "webhook refused: no x-ms-content-sha256 header"
        case .malformedContentHash: return "webhook refused: x-ms-content-sha256 is not a base64 SHA-256"
        case .contentHashMismatch:
            return
                "webhook refused: x-ms-content-sha256 does not match the body (changed, or not the raw bytes received)"
        case .missingAuthorization: return "webhook refused: neither Authorization nor X-Vipps-Authorization is present"
        case .malformedAuthorization:
            return
                "webhook refused: the Authorization header is not 'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=...'"
        case .signatureMismatch:
            return "webhook refused: the signature matches none of the secrets for the registered URL"
        case .methodNotPost: return "webhook refused: Vipps sends webhooks with POST only"
        }
    }
}

/// The kind of an ePayment event: the payload's `name` (a short word, not the event type).
public enum WebhookEventKind: Int32, Sendable, CaseIterable {
    case unknown = 0
    case created = 1
    case aborted = 2
    case expired = 3
    case cancelled = 4
    case captured = 5
    case refunded = 6
    case authorized = 7
    case terminated = 8

    public init(name: String) {
        self = Self.allCases.first { $0 != .unknown && $0.name == name } ?? .unknown
    }

    /// The payload's `name` for this kind ("" for unknown).
    public var name: String {
        switch self {
        case .unknown: return ""
        case .created: return "CREATED"
        case .aborted: return "ABORTED"
        case .expired: return "EXPIRED"
        case .cancelled: return "CANCELLED"
        case .captured: return "CAPTURED"
        case .refunded: return "REFUNDED"
        case .authorized: return "AUTHORIZED"
        case .terminated: return "TERMINATED"
        }
    }

    /// The event type a registration subscribes to ("" for unknown).
    public var eventType: String { self == .unknown ? "" : "epayments.payment.\(name.lowercased()).v1" }
}

/// Verifying what Vipps' Webhooks API POSTs to the shop (docs/webhooks-client.md). Pure
/// functions: no client, no network.
public enum Webhooks {
    public static let defaultWindowSeconds: Int64 = 300

    /// The part of the registered URL that is signed: the path and query, and the authority.
    struct SignedTarget: Equatable {
        let pathAndQuery: String
        let host: String
    }

    /// Path and host as Vipps signs them, from the URL the shop registered (never from the
    /// request, whose Host and path a proxy may have rewritten).
    static func signedTarget(registeredURL url: String) throws(VippsError) -> SignedTarget {
        let bad = { (problem: String) -> VippsError in .invalidArgument("registered_url", problem) }
        guard !url.isEmpty, url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw bad("must be an absolute http(s) URL of printable ASCII without spaces")
        }
        guard let schemeEnd = url.ranges(of: "://").first else { throw bad("must be an absolute http(s) URL") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let defaultPort: String
        switch scheme {
        case "https": defaultPort = "443"
        case "http": defaultPort = "80"
        default: throw bad("must use https or http")
        }
        var rest = url[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let afterAuthority = rest[authorityEnd...]
        guard !authority.isEmpty, !authority.contains("@") else { throw bad("has no host (or has user info)") }
        var host = Substring(authority)
        var port: Substring = ""
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw bad("has an unclosed IPv6 address") }
            host = authority[...close]
            let tail = authority[authority.index(after: close)...]
            if !tail.isEmpty {
                guard tail.hasPrefix(":") else { throw bad("has text after the IPv6 address") }
                port = tail.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw bad("has no host") }
        if !port.isEmpty {
            guard port.count <= 5, port.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(port),
                number > 0, number <= 65535
            else { throw bad("has a port that is not a number from 1 to 65535") }
            port = Substring(String(number))
        }
        var signedHost = host.lowercased()
        if !port.isEmpty && port != defaultPort { signedHost += ":" + port }
        var path = afterAuthority
        var query: Substring = ""
        if let mark = afterAuthority.firstIndex(of: "?") {
            path = afterAuthority[..<mark]
            query = afterAuthority[afterAuthority.index(after: mark)...]
        }
        var pathAndQuery = path.isEmpty ? "/" : String(path)
        if !query.isEmpty { pathAndQuery += "?" + query }
        return SignedTarget(pathAndQuery: pathAndQuery, host: signedHost)
    }

    /// The text Vipps signs (two LF, then ';' separators).
    static func stringToSign(method: String, target: SignedTarget, date: String, contentHash: String) -> String {
        method + "\n" + target.pathAndQuery + "\n" + date + ";" + target.host + ";" + contentHash
    }

    /// The base64 HMAC-SHA256 of a message under a secret used as UTF-8 text (not base64-decoded).
    public static func signature(secret: String, message: String) -> String {
        Digest.base64(Digest.hmacSHA256(key: Array(secret.utf8), message: Array(message.utf8)))
    }

    /// Checks a webhook request. Returns `.verified` or why it was refused; throws only for a
    /// mistake of the caller's (no secret, an empty secret, a registered URL that is no URL).
    ///
    /// `windowSeconds`: negative means the default (300 s), 0 turns the date check off.
    /// `now` is Unix seconds.
    public static func verify(
        method: String, registeredURL: String, headers: [(name: String, value: String)], body: [UInt8],
        secrets: [String], windowSeconds: Int64, now: Int64
    ) throws(VippsError) -> WebhookRefusal {
        guard !secrets.isEmpty else { throw .invalidArgument("secrets", "must hold at least one secret") }
        guard secrets.allSatisfy({ !$0.isEmpty }) else {
            // An empty secret is a configuration mistake; it must not read as a forged webhook.
            throw .invalidArgument("secrets", "must not contain an empty secret")
        }
        let target = try signedTarget(registeredURL: registeredURL)
        guard method.uppercased() == "POST" else { return .methodNotPost }

        func header(_ name: String) -> (value: String?, conflicting: Bool) {
            let values = headers.filter { $0.name.lowercased() == name }.map { trimmed($0.value) }
            guard let first = values.first else { return (nil, false) }
            return (first, values.contains { $0 != first })
        }
        let date = header("x-ms-date")
        guard let dateText = date.value, !dateText.isEmpty else { return .missingDate }
        guard !date.conflicting, let dateSeconds = parseHTTPDate(dateText) else { return .malformedDate }
        let hash = header("x-ms-content-sha256")
        guard let hashText = hash.value, !hashText.isEmpty else { return .missingContentHash }
        guard !hash.conflicting, isBase64SHA256(hashText) else { return .malformedContentHash }
        let authorizations = [header("authorization"), header("x-vipps-authorization")].compactMap { found in
            found.value.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard !authorizations.isEmpty else { return .missingAuthorization }
        let signatures = authorizations.compactMap(signatureParameter)
        guard !signatures.isEmpty else { return .malformedAuthorization }

        guard constantTimeEqual(Array(Digest.base64(Digest.sha256(body)).utf8), Array(hashText.utf8)) else {
            return .contentHashMismatch
        }
        let message = stringToSign(method: "POST", target: target, date: dateText, contentHash: hashText)
        var matched = false
        for secret in secrets {
            let expected = Array(signature(secret: secret, message: message).utf8)
            for received in signatures where constantTimeEqual(expected, Array(received.utf8)) { matched = true }
        }
        guard matched else { return .signatureMismatch }
        let window = windowSeconds < 0 ? defaultWindowSeconds : windowSeconds
        if window > 0 {
            let skew = now >= dateSeconds ? now - dateSeconds : dateSeconds - now
            guard skew <= window else { return .dateOutsideWindow }
        }
        return .verified
    }

    /// The Signature parameter of `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=...`,
    /// or nil when the header has another shape.
    static func signatureParameter(_ header: String) -> String? {
        let scheme = "hmac-sha256 "
        guard header.lowercased().hasPrefix(scheme) else { return nil }
        var signed: String?
        var signature: String?
        for part in header.dropFirst(scheme.count).split(separator: "&", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { return nil }
            switch trimmed(String(pair[0])).lowercased() {
            case "signedheaders": signed = trimmed(String(pair[1])).lowercased()
            case "signature": signature = trimmed(String(pair[1]))
            default: return nil
            }
        }
        guard signed == "x-ms-date;host;x-ms-content-sha256", let signature, isBase64SHA256(signature) else {
            return nil
        }
        return signature
    }

    /// 44 characters of the base64 alphabet ending in one '=': the shape of 32 bytes.
    static func isBase64SHA256(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 44, bytes[43] == UInt8(ascii: "=") else { return false }
        return bytes.prefix(43).allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
        }
    }

    /// Equal in time that depends only on the lengths (which are public: a SHA-256 in base64).
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }

    static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    /// Unix seconds of an RFC 1123 date (`Thu, 30 Mar 2023 08:38:32 GMT`), or nil.
    public static func parseHTTPDate(_ text: String) -> Int64? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[5] == "GMT" || parts[5] == "UTC" else { return nil }
        let weekdays = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard weekdays.contains(String(parts[0])), let monthIndex = months.firstIndex(of: String(parts[2])) else {
            return nil
        }
        func digits(_ part: Substring, _ range: ClosedRange<Int>) -> Int64? {
            guard range.contains(part.count), part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int64(part)
        }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard let day = digits(parts[1], 1...2), let year = digits(parts[3], 4...4), clock.count == 3,
            let hour = digits(clock[0], 2...2), let minute = digits(clock[1], 2...2),
            let second = digits(clock[2], 2...2), hour < 24, minute < 60, second < 61
        else { return nil }
        let month = Int64(monthIndex + 1)
        let monthLengths: [Int64] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1, day <= monthLengths[monthIndex] else { return nil }
        // Days from the civil date (the proleptic Gregorian calendar), as in Howard Hinnant's algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146097 + dayOfEra - 719468
        return days * 86400 + hour * 3600 + minute * 60 + second
    }
}

/// A webhook body: one ePayment event (docs/webhooks-client.md#the-event).
public struct WebhookEvent: Sendable {
    public let name: String
    public let kind: WebhookEventKind
    public let msn: String?
    public let reference: String?
    public let pspReference: String?
    public let amountValue: Int64
    public let currency: String?
    public let idempotencyKey: String?
    public let success: Bool
    public let timestamp: String?
    public let json: String

    /// Reads the body. A name the library does not know gives kind `.unknown`, not an error,
    /// so that a new event type Vipps adds reaches the shop.
    public static func parse(_ bytes: [UInt8]) throws(VippsError) -> WebhookEvent {
        guard let value = JSONValue.parse(bytes), case .object = value else {
            throw .invalidArgument("body", "is not a JSON object")
        }
        try Callbacks.refuseNUL(value, "body")
        guard let name = value["name"]?.stringValue, !name.isEmpty else {
            throw .invalidArgument("body", "has no event name")
        }
        let amount = value["amount"]
        return WebhookEvent(
            name: name, kind: WebhookEventKind(name: name), msn: value["msn"]?.text,
            reference: value["reference"]?.stringValue, pspReference: value["pspReference"]?.stringValue,
            amountValue: amount?["value"]?.integerValue ?? 0, currency: amount?["currency"]?.stringValue,
            idempotencyKey: value["idempotencyKey"]?.stringValue, success: value["success"] == .bool(true),
            timestamp: value["timestamp"]?.stringValue, json: String(decoding: bytes, as: UTF8.self))
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
