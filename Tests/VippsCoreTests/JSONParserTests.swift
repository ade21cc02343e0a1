import Testing

@testable import VippsCore

/// The hand-written reader every response goes through: what it accepts must be exactly JSON.
@Suite struct JSONParserTests {
    private func parse(_ text: String) -> JSONValue? { JSONValue.parse(Array(text.utf8)) }
    private func parse(bytes: [UInt8]) -> JSONValue? { JSONValue.parse(bytes) }

    @Test func readsEveryKindOfValue() throws {
        let value = try #require(
            parse(#" { "a" : [1, -2.5, 3e2, true, false, null, "x"], "b": {"c": {}} , "d": [] } "#))
        #expect(
            value["a"]
                == .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null, .string("x")]))
        #expect(value["b"]?["c"] == .object([:]))
        #expect(value["d"] == .array([]))
        #expect(value["missing"] == nil)
    }

    @Test func decodesEscapesAndUnicode() throws {
        let value = try #require(parse(#"["\"\\\/\b\f\n\r\t", "\u00e6\u00F8\u00e5", "\ud83d\ude00", "blåbær 😀"]"#))
        #expect(
            value == .array([.string("\"\\/\u{08}\u{0C}\n\r\t"), .string("æøå"), .string("😀"), .string("blåbær 😀")]))
    }

    @Test func integersAreExactAndLargeNumbersStillRead() throws {
        #expect(parse("900719925474099")?.integerValue == 900_719_925_474_099)
        #expect(parse("-0") == .number(0))
        #expect(parse("12345678901234567890") == .number(12_345_678_901_234_567_890))
        #expect(parse("1.5E-3") == .number(0.0015))
    }

    @Test func aRepeatedKeyKeepsTheLastValue() throws {
        let small = try #require(parse(#"{"a":1,"b":2,"a":3}"#))
        #expect(small["a"] == .number(3))
        guard case .object(let members) = small else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == 2)
        // Above the pairwise-check size, through the set.
        let keys = (0..<40).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        let large = try #require(parse("{" + keys + #","k7":"last"}"#))
        #expect(large["k7"] == .string("last"))
        guard case .object(let largeMembers) = large else {
            Issue.record("not an object")
            return
        }
        #expect(largeMembers.count == 40)
    }

    @Test func objectsCompareRegardlessOfOrder() {
        #expect(parse(#"{"a":1,"b":[true]}"#) == parse(#"{"b":[true],"a":1}"#))
        #expect(parse(#"{"a":1}"#) != parse(#"{"a":1,"b":2}"#))
    }

    @Test(arguments: [
        "", " ", "01", "1.", ".5", "-", "1e", "+1", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}",
        "'x'", "tru", "nul", "[", "{", "\"open", "[1]]", "{} {}", "NaN", "Infinity", "\"\\x\"", "\"\\u12\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"tab\there\"", "\"line\nbreak\"",
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(parse(text) == nil, "accepted \(text.debugDescription)")
    }

    @Test(
        arguments: [
            [0x22, 0xC3, 0x22],  // truncated two-byte sequence
            [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
            [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong three-byte form
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // an encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xFF, 0x22],
            [0x22, 0x80, 0x22],  // a lone continuation byte
        ] as [[UInt8]])
    func refusesInvalidUTF8(_ bytes: [UInt8]) {
        #expect(parse(bytes: bytes) == nil)
    }

    @Test func nestingIsBounded() {
        let allowed =
            String(repeating: "[", count: JSONParser.maximumDepth)
            + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(parse(allowed) != nil)
        let deeper = "[" + allowed + "]"
        #expect(parse(deeper) == nil)
        let deepObjects = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect(parse(deepObjects) == nil)
    }
}
