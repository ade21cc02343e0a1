import FoundationEssentials

/// Any JSON value, for reading bodies whose shape varies (error bodies, numbers sent as strings).
/// Typed `Decodable` models are used where Vipps' shape is stable.
public enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// Looks a key up ignoring case (Vipps' own casing varies between documents and versions).
    public func member(caseInsensitive key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        let wanted = key.lowercased()
        return members.first(where: { $0.key.lowercased() == wanted })?.value
    }

    /// The value as text: strings as they are, numbers without a needless ".0".
    public var text: String? {
        switch self {
        case .string(let value): return value
        case .number(let value): return Self.integer(value).map(String.init) ?? String(value)
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    /// The value as an integer, accepting numeric strings ("3600") as Vipps' token service sends them.
    /// Magnitudes are kept below 9e15, so sums of a few thousand of them cannot overflow (an
    /// overflow would trap and kill the host process).
    public var integerValue: Int64? {
        switch self {
        case .number(let value): return Self.integer(value)
        case .string(let value): return Int64(value).flatMap { $0.magnitude < 9_000_000_000_000_000 / 1_000 ? $0 : nil }
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    private static func integer(_ value: Double) -> Int64? {
        guard value.isFinite, value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int64(value)
    }
}
