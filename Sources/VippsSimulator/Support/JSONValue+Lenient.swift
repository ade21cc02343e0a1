import Foundation

/// Lenient reading of the shop's loosely typed values (reference §5.3: `"99.00"` for a number, `"0"`
/// for an integer).
extension JSONValue {
    var lenientString: String? {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        default: nil
        }
    }

    var lenientNumber: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        case .string(let value): Double(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}
