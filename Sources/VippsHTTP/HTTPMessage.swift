/// One request to send. Header names and values are checked before anything touches the network.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", put = "PUT", delete = "DELETE" }

    public var method: Method
    /// Path and query, starting with "/", relative to the endpoint's base path.
    public var path: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// True when sending the request twice does no harm (GET, or a token fetch). Only such
    /// requests are silently re-sent on a fresh connection when a pooled one turns out dead.
    public var isSafeToResend: Bool

    public init(method: Method, path: String, headers: [(name: String, value: String)] = [],
                body: [UInt8] = [], isSafeToResend: Bool? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.isSafeToResend = isSafeToResend ?? (method == .get)
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
        headers.first(where: { $0.name.lowercased() == name.lowercased() })?.value
    }
}

enum HeaderValidation {
    /// RFC 9110 token characters: what a header name may contain.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    /// No control characters: a CR or LF in a value would let it inject headers.
    static func isValidValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    static func isValidPath(_ path: String) -> Bool {
        path.hasPrefix("/") && path.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
