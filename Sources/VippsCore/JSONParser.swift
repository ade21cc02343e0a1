/// A strict RFC 8259 JSON reader for response bodies, written for the hot path: every Vipps
/// answer passes through it. It replaced FoundationEssentials' JSONDecoder, which spent about
/// half of a details call's CPU time building a `Decodable` tree through generic containers.
///
/// Hostile input is refused, never trapped on: nesting is bounded (the stack cannot overflow),
/// invalid UTF-8, unescaped control characters, lone surrogates, leading zeros and trailing
/// garbage are errors, and every read is bounds-checked.
struct JSONParser {
    /// Deeper documents are refused. Vipps' bodies nest four levels; 128 leaves ample room.
    static let maximumDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The single JSON value in `bytes` (surrounding whitespace allowed), or nil if `bytes` is not
    /// exactly one valid JSON text.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            guard let value = parser.value() else { return nil }
            parser.skipWhitespace()
            return parser.position == buffer.count ? value : nil
        }
    }

    // MARK: - Values

    private mutating func value() -> JSONValue? {
        skipWhitespace()
        guard let byte = peek() else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    private mutating func object() -> JSONValue? {
        guard enter() else { return nil }
        defer { depth -= 1 }
        position += 1  // {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(8)  // one allocation for a typical Vipps object, not four
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(JSONObject(uniqueMembers: [])) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")), let member = value() else { return nil }
            members.append((key: key, value: member))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "}")) else { return nil }
            return .object(JSONObject(uniqueMembers: Self.lastOfRepeatedKeys(members)))
        }
    }

    /// A repeated key: the last one wins, as in most readers. Small objects (all of Vipps') are
    /// checked pairwise; large ones through a set, so a hostile object cannot cost n² compares.
    private static func lastOfRepeatedKeys(_ members: [JSONObject.Member]) -> [JSONObject.Member] {
        if members.count <= 16 {
            var repeated = false
            for index in members.indices.dropFirst() where !repeated {
                repeated = members[..<index].contains(where: { JSONObject.sameKey($0.key, members[index].key) })
            }
            if !repeated { return members }
        }
        var seen = Set<String>()
        var unique: [JSONObject.Member] = []
        for member in members.reversed() where seen.insert(member.key).inserted {
            unique.append(member)
        }
        return unique.reversed()
    }

    private mutating func array() -> JSONValue? {
        guard enter() else { return nil }
        defer { depth -= 1 }
        position += 1  // [
        var items: [JSONValue] = []
        items.reserveCapacity(4)
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(items) }
        while true {
            guard let item = value() else { return nil }
            items.append(item)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "]")) ? .array(items) : nil
        }
    }

    private mutating func enter() -> Bool {
        guard depth < Self.maximumDepth else { return false }
        depth += 1
        return true
    }

    private mutating func literal(_ word: StaticString, _ result: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count else { return nil }
        let base = word.utf8Start
        for offset in 0..<count where bytes[position + offset] != base[offset] {
            return nil
        }
        position += count
        return result
    }

    // MARK: - Strings

    /// A string starting at the opening quote. Runs without escapes are copied in one step after
    /// UTF-8 validation; escapes are decoded one by one.
    private mutating func string() -> String? {
        position += 1  // "
        var result = ""
        var runStart = position
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if !escaped {
                    // Most strings have no escape: made from their bytes directly, not appended
                    // to an empty string (a second copy, on every key and value).
                    let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
                    guard Self.isValidUTF8(run) else { return nil }
                    position += 1
                    return String(decoding: run, as: UTF8.self)
                }
                guard appendRun(from: runStart, to: position, into: &result) else { return nil }
                position += 1
                return result
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard appendRun(from: runStart, to: position, into: &result) else { return nil }
                position += 1
                guard let scalar = escape() else { return nil }
                result.unicodeScalars.append(scalar)
                runStart = position
                continue
            }
            if byte < 0x20 { return nil }  // control characters must be escaped
            position += 1
        }
        return nil  // unterminated
    }

    private func appendRun(from start: Int, to end: Int, into result: inout String) -> Bool {
        guard end > start else { return true }
        let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
        // Validated here rather than with String(validating:as:), which is generic over the
        // encoding and looked up type metadata on every call (a tenth of a details call).
        guard Self.isValidUTF8(run) else { return false }
        result += String(decoding: run, as: UTF8.self)
        return true
    }

    /// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
    static func isValidUTF8(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        // Eight ASCII bytes at a time first: nearly every byte of a Vipps answer is ASCII.
        if let base = run.baseAddress {
            let raw = UnsafeRawPointer(base)
            while run.count - index >= 8
                && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
        }
        while index < run.count {
            let lead = run[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF  // allowed range of the first continuation byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            guard run.count - index >= length else { return false }
            let second = run[index + 1]
            guard second >= low && second <= high else { return false }
            var offset = 2
            while offset < length {
                guard run[index + offset] & 0xC0 == 0x80 else { return false }
                offset += 1
            }
            index += length
        }
        return true
    }

    /// The character after a backslash (the backslash already consumed).
    private mutating func escape() -> Unicode.Scalar? {
        guard let byte = peek() else { return nil }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hexUnit() else { return nil }
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hexUnit(),
                    (0xDC00...0xDFFF).contains(low)
                else { return nil }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(unit)  // nil for a lone low surrogate
        default:
            return nil
        }
    }

    private mutating func hexUnit() -> UInt32? {
        guard bytes.count - position >= 4 else { return nil }
        var unit: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt32(digit)
            position += 1
        }
        return unit
    }

    // MARK: - Numbers

    /// -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?  Integers of up to 15 digits (every
    /// amount Vipps sends) are converted exactly without a text round trip.
    private mutating func number() -> JSONValue? {
        let start = position
        let negative = consume(UInt8(ascii: "-"))
        let integerStart = position
        guard let first = peek(), isDigit(first) else { return nil }
        var integer: Int64 = 0
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) { return nil }  // no leading zeros
        } else {
            while let byte = peek(), isDigit(byte) {
                if position - integerStart < 15 { integer = integer * 10 + Int64(byte - UInt8(ascii: "0")) }
                position += 1
            }
        }
        let integerDigits = position - integerStart
        var isInteger = true
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            guard digits() else { return nil }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard digits() else { return nil }
        }
        if isInteger && integerDigits <= 15 {
            return .number(Double(negative ? -integer : integer))
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { return nil }
        return .number(value)
    }

    /// One or more digits.
    private mutating func digits() -> Bool {
        let start = position
        while let byte = peek(), isDigit(byte) { position += 1 }
        return position > start
    }

    // MARK: - Bytes

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func consume(_ expected: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == expected else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }
}
