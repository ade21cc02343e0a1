/// The shop's side of Vipps' calls: checking and reading what Vipps POSTs to the shop's own web
/// server (docs/ecom-v2.md#calls-to-the-shop). Pure functions: the shop receives the request, hands the
/// pieces here, and answers 200.
public enum Callbacks {
    /// Compares the callback's Authorization header with the authToken given at initiate, in
    /// time that does not depend on where they differ (no timing oracle for forgers).
    public static func verifyAuthorization(expected: String, header: String?) throws(VippsError) {
        guard !expected.isEmpty else { throw .invalidArgument("auth_token", "must not be empty") }
        guard let header, !header.isEmpty else {
            throw VippsError(.authentication, "callback has no Authorization header")
        }
        let left = Array(expected.utf8)
        let right = Array(header.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        guard difference == 0 && left.count == right.count else {
            throw VippsError(.authentication, "callback Authorization header does not match the authToken")
        }
    }

    /// The user id of a consent-removal request: the last segment after "/v2/consents/" of the
    /// path Vipps called, percent-decoded.
    public static func consentRemovalUserId(path: String) throws(VippsError) -> String {
        let marker = "/v2/consents/"
        let withoutQuery =
            path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        guard let markerEnd = withoutQuery.ranges(of: marker).last?.upperBound else {
            throw .invalidArgument("path", "is not a consent removal path (.../v2/consents/{userId})")
        }
        let encoded = String(withoutQuery[markerEnd...])
        guard !encoded.isEmpty, !encoded.contains("/"), let decoded = percentDecoded(encoded),
            !decoded.isEmpty, decoded.utf8.count <= 100
        else {
            throw .invalidArgument("path", "has no valid user id after /v2/consents/")
        }
        // Vipps' user ids are base64-like text. A shop uses the id to find (and delete) a
        // customer's data, maybe in a file path or a log line: no separators, no "..", nothing
        // outside printable ASCII.
        guard
            decoded.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\\") }),
            !decoded.contains("..")
        else {
            throw .invalidArgument("path", "user id after /v2/consents/ has characters a user id cannot have")
        }
        return decoded
    }

    /// A NUL inside a JSON string would end the C string the shop reads, so it would see a
    /// different value than the one sent. Vipps' data never contains one.
    static func refuseNUL(_ value: JSONValue, _ field: String) throws(VippsError) {
        if value.containsNUL { throw .invalidArgument(field, "contains a NUL character") }
    }

    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                // Exactly two hex digits (RFC 3986): UInt8(_:radix:) alone also took "+f" and "-0".
                guard let high = iterator.next().flatMap(hexDigit), let low = iterator.next().flatMap(hexDigit) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        // No NUL ("%00"): the C ABI returns the id as a C string, which would end there, and the
        // shop would delete the data of another customer (found by the callbacks fuzzer).
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A payment-update callback: POST {callbackPrefix}/v2/payments/{orderId}.
public struct PaymentCallback: Sendable {
    public struct Address: Sendable {
        public let line1: String
        /// nil when the callback has none (Vipps leaves it out or sends null).
        public let line2: String?
        public let city: String
        public let postCode: String
        public let country: String
    }

    public let orderId: String
    /// As sent (a number in Vipps' examples, a string in the schema); compare it with your MSN.
    public let merchantSerialNumber: String?
    /// Vipps' status word: RESERVED / RESERVE, SALE, RESERVE_FAILED, SALE_FAILED, CANCELLED, REJECTED.
    public let status: String
    public let state: PaymentState
    public let amount: Int64
    public let transactionId: String?
    public let timestamp: String?
    public let isExpress: Bool
    public let shippingMethodId: String?
    public let shippingMethod: String?
    /// Vipps sends NOK with decimals; converted to øre.
    public let shippingCostInOre: Int64
    public let address: Address?
    public let firstName: String?
    public let lastName: String?
    public let email: String?
    public let phoneNumber: String?
    public let userId: String?
    public let errorGroup: String?
    public let errorCode: String?
    public let errorMessage: String?
    public let json: String

    public static func parse(_ bytes: [UInt8]) throws(VippsError) -> PaymentCallback {
        guard let body = JSONValue.parse(bytes), case .object = body else {
            throw .invalidArgument("callback", "is not a JSON object")
        }
        try Callbacks.refuseNUL(body, "callback")
        guard let orderId = body["orderId"]?.text, !orderId.isEmpty,
            let info = body["transactionInfo"], let status = info["status"]?.text
        else {
            throw .invalidArgument("callback", "lacks orderId or transactionInfo.status")
        }
        // The order id names the shop's order, often in a path or a database key.
        guard !orderId.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidArgument("callback", "orderId contains control characters")
        }
        let express = ExpressDetails.parse(body)
        let upper = status.uppercased()
        return PaymentCallback(
            orderId: orderId, merchantSerialNumber: body["merchantSerialNumber"]?.text,
            status: status, state: state(forCallbackStatus: upper),
            amount: info["amount"]?.integerValue ?? 0, transactionId: info["transactionId"]?.text,
            timestamp: info["timeStamp"]?.text,
            isExpress: upper == "RESERVE" || express.hasShipping,
            shippingMethodId: express.shippingMethodId, shippingMethod: express.shippingMethod,
            shippingCostInOre: express.shippingCostInOre, address: express.address,
            firstName: express.firstName, lastName: express.lastName, email: express.email,
            phoneNumber: express.phoneNumber, userId: express.userId,
            errorGroup: body["errorInfo"]?.member(caseInsensitive: "errorGroup")?.text,
            errorCode: body["errorInfo"]?.member(caseInsensitive: "errorCode")?.text,
            errorMessage: body["errorInfo"]?.member(caseInsensitive: "errorMessage")?.text,
            json: String(decoding: bytes, as: UTF8.self))
    }

    /// Callback statuses mapped to the one merchant-facing state (regular and express spell
    /// "reserved" differently: RESERVED vs RESERVE).
    public static func state(forCallbackStatus status: String) -> PaymentState {
        switch status.uppercased() {
        case "RESERVED", "RESERVE": return .reserved
        case "SALE": return .captured
        case "RESERVE_FAILED", "SALE_FAILED": return .failed
        case "CANCELLED": return .cancelled
        case "REJECTED": return .expired
        default: return .unknown
        }
    }

    /// NOK (number or text like "99.00") to øre, rounded to the nearest øre.
    static func oreFromKroner(_ value: JSONValue) -> Int64? {
        let kroner: Double?
        switch value {
        case .number(let number): kroner = number
        case .string(let text): kroner = Double(text)
        default: kroner = nil
        }
        guard let kroner, kroner.isFinite, kroner >= 0, kroner < 1e9 else { return nil }
        return Int64((kroner * 100).rounded())
    }
}

/// Vipps asking for shipping options: POST {shippingDetailsPrefix}/v2/payments/{orderId}/shippingDetails.
public struct ShippingDetailsRequest: Sendable {
    public let addressId: Int64
    public let addressLine1: String
    /// nil when the request has none.
    public let addressLine2: String?
    public let city: String
    public let postCode: String
    public let country: String
    /// H (home), W (work) or O (other).
    public let addressType: String

    public static func parse(_ bytes: [UInt8]) throws(VippsError) -> ShippingDetailsRequest {
        guard let body = JSONValue.parse(bytes), case .object = body else {
            throw .invalidArgument("shipping_request", "is not a JSON object")
        }
        try Callbacks.refuseNUL(body, "shipping_request")
        guard let addressId = body["addressId"]?.integerValue else {
            throw .invalidArgument("shipping_request", "lacks addressId")
        }
        return ShippingDetailsRequest(
            addressId: addressId, addressLine1: body["addressLine1"]?.text ?? "",
            addressLine2: body["addressLine2"]?.text, city: body["city"]?.text ?? "",
            postCode: body["postCode"]?.text ?? body["zipCode"]?.text ?? "", country: body["country"]?.text ?? "",
            addressType: body["addressType"]?.text ?? "H")
    }
}

/// The shop's answer to a shipping-details request.
public struct ShippingDetailsResponse: Sendable {
    public let addressId: Int64
    public let orderId: String
    public private(set) var options: [ShippingOption] = []

    public init(addressId: Int64, orderId: String) throws(VippsError) {
        try Validation.orderId(orderId)
        // json() writes it as a JSON number, exact below 9e15 (far above any id Vipps sends);
        // a larger one would be echoed as another address (found by the abi fuzzer).
        guard addressId.magnitude < 9_000_000_000_000_000 else {
            throw .invalidArgument("address_id", "must be the addressId of Vipps' request")
        }
        self.addressId = addressId
        self.orderId = orderId
    }

    public mutating func add(_ option: ShippingOption) throws(VippsError) {
        try option.validate()
        options.append(option)
    }

    public func json() throws(VippsError) -> String {
        let body: JSONObject = [
            "addressId": .number(Double(addressId)), "orderId": .string(orderId),
            "shippingDetails": .array(options.map(\.body)),
        ]
        return JSONValue.object(body).serialized()
    }
}
