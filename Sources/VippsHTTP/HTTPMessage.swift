/// One request to send. Header names and values are checked before anything touches the network.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    public var method: Method
    /// Path and query, starting with "/", relative to the endpoint's base path.
    public var path: String
    /// Sent first, after Host: the headers every request of a client carries, checked once.
    public var fixedHeaders: FixedHeaders?
    /// This request's own headers, sent after `fixedHeaders`.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// True when sending the request twice does no harm (GET, or a token fetch). Only such
    /// requests are silently re-sent on a fresh connection when a pooled one turns out dead.
    public var isSafeToResend: Bool

    public init(
        method: Method, path: String, fixedHeaders: FixedHeaders? = nil, headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], isSafeToResend: Bool? = nil
    ) {
        self.method = method
        self.path = path
        self.fixedHeaders = fixedHeaders
        self.headers = headers
        self.body = body
        self.isSafeToResend = isSafeToResend ?? (method == .get)
    }
}

/// Header fields that are the same on every request of a client (its API keys, its system
/// headers), checked and written out as bytes once: checking and writing them again on every
/// request was a measurable part of a call's CPU time.
public struct FixedHeaders: Sendable {
    public let fields: [(name: String, value: String)]
    /// "Name: value\r\n" for each field, in order.
    let serialized: [UInt8]

    /// Refuses a name that is not an HTTP token and a value with a control character, as a
    /// request's own headers are refused (the value is never quoted: it may be a secret).
    public init(_ fields: [(name: String, value: String)]) throws(HTTPError) {
        var serialized: [UInt8] = []
        for (name, value) in fields {
            try HeaderValidation.check(name: name, value: value)
            serialized.append(contentsOf: name.utf8)
            serialized.append(contentsOf: ": ".utf8)
            serialized.append(contentsOf: value.utf8)
            serialized.append(contentsOf: "\r\n".utf8)
        }
        self.fields = fields
        self.serialized = serialized
    }
}

public struct HTTPResponse: Sendable {
    public let status: Int
    public let reason: String
    /// Header names as received; look them up with `header(_:)`, which ignores case.
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public init(status: Int, reason: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first(where: { HeaderValidation.namesMatch($0.name, name) })?.value
    }
}

enum HeaderValidation {
    /// Header names compared as HTTP does, ignoring ASCII case, without allocating lower-cased copies.
    static func namesMatch(_ name: String, _ other: String) -> Bool {
        guard name.utf8.count == other.utf8.count else { return false }
        var name = name
        var other = other
        return name.withUTF8 { left in
            other.withUTF8 { right in
                for index in 0..<min(left.count, right.count) where lowered(left[index]) != lowered(right[index]) {
                    return false
                }
                return true
            }
        }
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// RFC 9110 token characters: what a header name may contain.
    /// (Plain loops over contiguous bytes: every header of every request and response passes
    /// through here, and iterating a String's UTF-8 view byte by byte cost ~25 instructions a byte.)
    static func isValidName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { isValidName(bytes: $0) }
    }

    static func isValidName<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes {
            // Fast path for what names are made of: letters (folded to lower case), digits, "-".
            let folded = byte | 0x20
            if (folded >= UInt8(ascii: "a") && folded <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            {
                continue
            }
            switch byte {
            case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"),
                UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// No control characters: a CR or LF in a value would let it inject headers.
    static func isValidValue(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var index = 0
            // Eight bytes at a time while none is below 0x20 or 0x7F (a bearer token is most of
            // a request's header bytes); a word that may hold one is checked byte by byte below.
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                while bytes.count - index >= 8 {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let deleted = word ^ (0x7F &* ones)
                    // The classic tests for a byte below 0x20 and for a zero byte (here: a 0x7F).
                    let below = (word &- 0x20 &* ones) & ~word & highs
                    let isDelete = (deleted &- ones) & ~deleted & highs
                    if below | isDelete != 0 { break }
                    index += 8
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte != 0x09 && (byte < 0x20 || byte == 0x7F) { return false }
                index += 1
            }
            return true
        }
    }

    static func check(name: String, value: String) throws(HTTPError) {
        guard isValidName(name) else { throw HTTPError(.invalidRequest, "invalid header name") }
        guard isValidValue(value) else {
            // Never echo the value: it may be a secret.
            throw HTTPError(.invalidRequest, "header \(name) contains control characters")
        }
    }

    static func isValidPath(_ path: String) -> Bool {
        path.hasPrefix("/") && path.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
