/// Why the state file could not be read or written. Loading never falls back to an empty state: a
/// simulator that silently forgot a shop's orders would look like a bug in the shop.
public struct StateFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public var description: String { "state file \(path): \(reason)" }

    /// A short reason for a decoding failure: where in the file, and what was wrong.
    static func reason(for error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            "not valid JSON or not a state file (\(Self.describe(context)))"
        case DecodingError.keyNotFound(let key, let context):
            "missing \"\(key.stringValue)\" at \(Self.path(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected value at \(Self.path(context.codingPath)): \(context.debugDescription)"
        default:
            "\(error)"
        }
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty ? context.debugDescription : "at \(path(context.codingPath)): \(context.debugDescription)"
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "the top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
