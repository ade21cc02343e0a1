import Glibc

/// Reads typed values from a fuzzer's bytes. Past the end it yields zeros, so that every byte
/// string is a complete, valid input: the fuzzer never wastes runs on inputs the harness rejects.
struct FuzzInput {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: Int { max(0, bytes.count - offset) }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    mutating func uint16() -> UInt16 { UInt16(byte()) | UInt16(byte()) << 8 }

    mutating func uint32() -> UInt32 { UInt32(uint16()) | UInt32(uint16()) << 16 }

    mutating func uint64() -> UInt64 { UInt64(uint32()) | UInt64(uint32()) << 32 }

    /// Up to `count` bytes, fewer at the end of the input.
    mutating func take(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, offset + max(0, count))
        guard offset < end else { return [] }
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    /// Everything not read yet.
    mutating func rest() -> [UInt8] { take(remaining) }

    /// Integers a validator is most likely to get wrong: the edges of every range the library
    /// checks, the extremes of the C types, and now and then a raw 64-bit value.
    mutating func int64() -> Int64 {
        let edges: [Int64] = [
            0, 1, -1, 99, 100, 101, 1_000, 5_000, 100_000_000, 100_000_001, 600_000, 600_001,
            3_600_000, 3_600_001, Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min),
            Int64.max, Int64.min, Int64.max - 1, Int64.min + 1, 9_000_000_000_000_000,
        ]
        let selector = byte()
        if selector < 200 { return edges[Int(selector) % edges.count] }
        return Int64(bitPattern: uint64())
    }

    mutating func int32() -> Int32 {
        let edges: [Int32] = [0, 1, -1, 2, 3, 4, 5, 20, 21, Int32.max, Int32.min, 100, 99]
        let selector = byte()
        if selector < 200 { return edges[Int(selector) % edges.count] }
        return Int32(bitPattern: uint32())
    }
}

/// A fuzz target: consumes one input, traps on a broken invariant (the fuzzer reports that as a
/// crash, with the input that caused it).
struct FuzzTarget {
    let name: String
    let summary: String
    let run: @Sendable ([UInt8]) -> Void
}

/// Stops the run with a message: the harness's own assertion, active in every build mode.
func check(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() {
        // Printed first: optimized builds drop the message of a precondition failure.
        let text = "vipps-fuzz: invariant broken at \(file):\(line): \(message())\n"
        text.withCString { _ = write(2, $0, strlen($0)) }
        // A deliberate trap: libFuzzer and the replay both report it with the input that caused it.
        preconditionFailure("invariant broken: \(message())", file: file, line: line)
    }
}
