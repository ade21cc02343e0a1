/// Every failure the library reports, in one shape: what kind of failure it is (the C status),
/// a message for people, and the details Vipps gave. Messages never contain credentials, tokens
/// or the callback authToken.
public struct VippsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure categories; their raw values are the C ABI's status codes (see vipps.h).
    public enum Category: Int32, Sendable {
        case invalidArgument = 1
        case notAllowed = 2
        case network = 10
        case timeout = 11
        case tls = 12
        case protocolError = 13
        case outcomeUnknown = 14
        case authentication = 20
        case notFound = 21
        case rejected = 22
        case rateLimited = 23
        case server = 24
        case internalError = 99
    }

    public var category: Category
    public var message: String
    /// The HTTP status of Vipps' answer, or 0 when none arrived.
    public var httpStatus: Int
    /// Vipps' `errorGroup` (Payment, Merchant, InvalidRequest, ...), as Vipps spelled it.
    public var errorGroup: String?
    /// Vipps' `errorCode`: a number as text ("35"), or a field name for InvalidRequest.
    public var errorCode: String?
    /// Vipps' `contextId`: quote it to Vipps support.
    public var contextId: String?
    /// True when repeating the same call (with the same idempotency key) may succeed.
    public var isRetryable: Bool
    /// The X-Request-Id (idempotency key) the call used, when it had one: repeat a capture or
    /// refund whose outcome is unknown with this key, and Vipps applies it at most once.
    public var requestId: String?
    /// For `.invalidArgument`: the argument or field that was refused (what the message starts
    /// with), so that a program can point at the input to fix without parsing the message.
    public var field: String?
    /// True when the operation may or may not have happened at Vipps.
    public var outcomeUnknown: Bool { category == .outcomeUnknown }

    public init(
        _ category: Category, _ message: String, httpStatus: Int = 0, errorGroup: String? = nil,
        errorCode: String? = nil, contextId: String? = nil, isRetryable: Bool = false,
        requestId: String? = nil
    ) {
        self.category = category
        self.message = message
        self.httpStatus = httpStatus
        self.errorGroup = errorGroup
        self.errorCode = errorCode
        self.contextId = contextId
        self.isRetryable = isRetryable
        self.requestId = requestId
    }

    public static func invalidArgument(_ field: String, _ problem: String) -> VippsError {
        var error = VippsError(.invalidArgument, "\(field): \(problem)")
        error.field = field
        return error
    }

    public var description: String { message }
}
