import Foundation

/// A change to the valid initiate body: set (or remove) the value at a dotted path.
struct JSONEdit: Sendable, CustomStringConvertible {
    enum Value: Sendable {
        case remove
        case null
        case string(String)
        case integer(Int)
        case double(Double)
        case bool(Bool)
        case object
        case array([String])
        /// Any JSON, e.g. an array of objects.
        case rawJSON(String)

        var json: Any? {
            switch self {
            case .remove: nil
            case .null: NSNull()
            case .string(let value): value
            case .integer(let value): value
            case .double(let value): value
            case .bool(let value): value
            case .object: [String: Any]()
            case .array(let values): values
            case .rawJSON(let text):
                try! JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            }
        }
    }

    let path: String
    let value: Value

    init(_ path: String, _ value: Value) {
        self.path = path
        self.value = value
    }

    var description: String { "\(path) = \(value)" }
}

/// The minimal valid initiate body of the guide, with loopback URLs as a local shop would send.
enum InitiateBody {
    static func json(orderId: String = "acme-shop-123-order123abc", amount: Int = 20000, edits: [JSONEdit] = [])
        -> String
    {
        var body: [String: Any] = [
            "customerInfo": [String: Any](),
            "merchantInfo": [
                "merchantSerialNumber": SimulatorHarness.msn,
                "callbackPrefix": "http://127.0.0.1:8080/vipps/callbacks",
                "fallBack": "http://127.0.0.1:8080/vipps/fallback/\(orderId)",
            ],
            "transaction": ["orderId": orderId, "amount": amount, "transactionText": "One pair of Vipps socks"],
        ]
        for edit in edits {
            body = setting(body, path: edit.path.split(separator: ".").map(String.init)[...], to: edit.value.json)
        }
        return String(
            decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
    }

    private static func setting(_ object: [String: Any], path: ArraySlice<String>, to value: Any?) -> [String: Any] {
        var object = object
        guard let key = path.first else { return object }
        if path.count == 1 {
            object[key] = value
        } else {
            object[key] = setting(object[key] as? [String: Any] ?? [:], path: path.dropFirst(), to: value)
        }
        return object
    }
}
