import Glibc

/// Any JSON value, for reading bodies whose shape varies (error bodies, numbers sent as strings).
/// Read by `JSONParser`; written by `serialized()` (request bodies and log lines).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON value in `bytes`, or nil when `bytes` is not exactly one valid JSON text.
    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        JSONParser.parse(bytes)
    }

    /// True when a string or key anywhere inside holds U+0000 (valid JSON as "\u0000"), which
    /// a C string cannot carry.
    var containsNUL: Bool {
        switch self {
        case .string(let text): return text.utf8.contains(0)
        case .object(let members): return members.contains { $0.key.utf8.contains(0) || $0.value.containsNUL }
        case .array(let items): return items.contains { $0.containsNUL }
        case .null, .bool, .number: return false
        }
    }

    /// `containsNUL` of this value, parsed from `bytes`, without the walk over every string when
    /// `bytes` cannot hold a NUL: the parser refuses raw control characters in strings, so U+0000
    /// can only come from the escape \u0000. On a details answer the walk cost more than a tenth
    /// of the library's instructions per call; the scan for backslashes costs next to nothing.
    func containsNUL(parsedFrom bytes: [UInt8]) -> Bool {
        Self.mayEscapeNUL(bytes) && containsNUL
    }

    /// True when `bytes` holds a backslash followed by "u0000" (an escaped backslash before
    /// "u0000" counts too: the walk then decides).
    static func mayEscapeNUL(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            let zero = UInt8(ascii: "0")
            var index = 0
            while index < buffer.count {
                guard let found = memchr(base + index, Int32(UInt8(ascii: "\\")), buffer.count - index) else {
                    return false
                }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if buffer.count - at >= 6, buffer[at + 1] == UInt8(ascii: "u"), buffer[at + 2] == zero,
                    buffer[at + 3] == zero, buffer[at + 4] == zero, buffer[at + 5] == zero
                {
                    return true
                }
                index = at + 1
            }
            return false
        }
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

extension JSONValue {
    /// Compact JSON text with sorted keys: request bodies (sorted, as Vipps' examples are) and
    /// log lines.
    func serialized() -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number: return text ?? "0"
        case .string(let value): return JSONValue.quote(value)
        case .array(let items): return "[" + items.map { $0.serialized() }.joined(separator: ",") + "]"
        case .object(let members):
            return "{"
                + members.sorted { $0.key < $1.key }.map { JSONValue.quote($0.key) + ":" + $0.value.serialized() }
                .joined(separator: ",") + "}"
        }
    }

    /// The serialized text as a request body.
    var utf8Bytes: [UInt8] { Array(serialized().utf8) }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
