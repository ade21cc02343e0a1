import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, as the pages' forms post them.
struct FormBody {
    let fields: [String: String]

    subscript(name: String) -> String? { fields[name] }

    static func read(_ request: Request, context: some RequestContext) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return parse(String(buffer: buffer))
    }

    /// Later fields of the same name win. `+` is a space in forms, unlike in URL queries.
    static func parse(_ text: String) -> FormBody {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let name = parts.first else { continue }
            fields[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return FormBody(fields: fields)
    }
}
