import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON request body into one of the simulator's wire types (all fields optional, so that
    /// decoding checks JSON types only and the validators can report missing fields by name).
    ///
    /// Anything that does not decode — empty or malformed JSON, a wrong JSON type such as an MSN sent as
    /// a number or an amount with decimals — is answered as Vipps does: HTTP 500, VippsError 99.
    func decodeJSONBody<Body: Decodable>(_ type: Body.Type, context: some RequestContext) async throws -> Body {
        let data = Data(buffer: try await body.collect(upTo: context.maxUploadSize))
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            // The decoder reports an integer field holding 100.5 like malformed JSON, without a path.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil
            {
                throw BackendError.unreadableRequest(
                    "a number is not a whole number in range (amounts are integers in øre).")
            }
            throw BackendError.unreadableRequest(error.simulatorDescription)
        }
    }
}

extension DecodingError {
    /// Names the field and the problem, never the value (it might be a secret).
    var simulatorDescription: String {
        func path(_ context: Context) -> String {
            let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            return keys.isEmpty
                ? "the request body" : "'" + keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[") + "'"
        }
        switch self {
        case .typeMismatch(let type, let context):
            return "\(path(context)) must be \(Self.jsonTypeName(type))."
        case .valueNotFound(let type, let context):
            return "\(path(context)) must be \(Self.jsonTypeName(type))."
        case .keyNotFound(let key, _):
            return "'\(key.stringValue)' is missing."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "the request body is not valid JSON."
                : "\(path(context)) has a value of the wrong JSON type."
        @unknown default:
            return "the request body could not be read."
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a JSON string"
        case is Bool.Type: "a JSON boolean (true or false)"
        case is Int.Type, is Int64.Type: "a JSON integer"
        case is [String: Any].Type, is [String: JSONValue].Type: "a JSON object"
        default: "of another JSON type"
        }
    }
}
