import Foundation

/// The JSON of requests to the shop: sorted keys (the same bytes every time, easy to assert on) and
/// URLs without `\/`.
enum ShopJSON {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs cannot fail; "{}" keeps the signature simple if it ever did.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
