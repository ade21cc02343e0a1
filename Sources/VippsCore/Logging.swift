/// Log levels; raw values are the C ABI's VIPPS_LOG_* constants.
public enum LogLevel: Int32, Sendable, Comparable {
    case error = 1
    case warning = 2
    case info = 3
    case debug = 4

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where log lines go: the host's callback. Lines never contain secrets (client secret,
/// subscription key, access token, authToken); personal data is masked unless the caller opts in.
public struct LogSink: Sendable {
    public let minimumLevel: LogLevel
    public let includePersonalData: Bool
    private let write: @Sendable (LogLevel, String) -> Void

    public init(
        minimumLevel: LogLevel, includePersonalData: Bool = false, write: @escaping @Sendable (LogLevel, String) -> Void
    ) {
        self.minimumLevel = minimumLevel
        self.includePersonalData = includePersonalData
        self.write = write
    }

    func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard level <= minimumLevel else { return }
        write(level, message())
    }

    func enabled(_ level: LogLevel) -> Bool { level <= minimumLevel }
}

/// Masks what must not reach a log: secrets always, personal data unless allowed. `package`:
/// fuzzed directly (Sources/vipps-fuzz), as it reads bodies from the network.
package enum LogRedaction {
    /// JSON keys whose values are secrets: never logged, whatever the settings.
    static let secretKeys: Set<String> = ["authtoken", "access_token", "client_secret", "token", "secret"]
    /// JSON keys whose values identify a person (GDPR): masked unless the caller opts in.
    static let personalKeys: Set<String> = [
        "mobilenumber", "customerphonenumber", "firstname", "lastname", "email", "addressline1", "addressline2",
        "city", "postcode", "zipcode", "userid", "sub", "dateofbirth", "ssn", "nin", "name", "birthdate",
        "phone_number", "address", "bankidverified", "phonenumber", "personalqr", "customertoken",
        "given_name", "family_name", "other_addresses", "street_address", "postal_code", "formatted",
    ]

    /// A JSON body for a debug log line, with values masked.
    package static func body(_ bytes: [UInt8], includePersonalData: Bool) -> String {
        guard !bytes.isEmpty else { return "(empty)" }
        guard let json = JSONValue.parse(bytes) else { return "(\(bytes.count) bytes, not JSON)" }
        return mask(json, includePersonalData: includePersonalData).serialized()
    }

    static func mask(_ value: JSONValue, includePersonalData: Bool) -> JSONValue {
        switch value {
        case .object(let members):
            // Member by member into a new list (keys are already unique): assigning through the
            // subscript would search the object once per key.
            let masked = members.map { key, member -> JSONObject.Member in
                let lowered = key.lowercased()
                if secretKeys.contains(lowered) { return (key: key, value: .string("[secret]")) }
                if !includePersonalData && personalKeys.contains(lowered) {
                    return (key: key, value: .string("[personal data]"))
                }
                return (key: key, value: mask(member, includePersonalData: includePersonalData))
            }
            return .object(JSONObject(uniqueMembers: masked))
        case .array(let items):
            return .array(items.map { mask($0, includePersonalData: includePersonalData) })
        default:
            return value
        }
    }
}
