/// The endpoint a fault is for: one of the Vipps endpoints, or `any` of them. Never the control API.
enum FaultEndpoint: Sendable, Equatable, Hashable, Encodable, RawRepresentable {
    case any
    case only(VippsEndpoint)

    init?(rawValue: String) {
        if rawValue == "any" {
            self = .any
        } else if let endpoint = VippsEndpoint(rawValue: rawValue) {
            self = .only(endpoint)
        } else {
            return nil
        }
    }

    var rawValue: String {
        switch self {
        case .any: "any"
        case .only(let endpoint): endpoint.rawValue
        }
    }

    func matches(_ endpoint: VippsEndpoint) -> Bool {
        switch self {
        case .any: true
        case .only(let only): only == endpoint
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static let allNames = ["any"] + VippsEndpoint.allCases.map(\.rawValue)
}
