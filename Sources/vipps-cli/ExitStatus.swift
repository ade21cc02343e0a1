import VippsCore

/// Exit codes by failure category, so scripts can tell "not found" from "try again later".
enum ExitStatus {
    static func code(for category: VippsError.Category) -> Int32 {
        switch category {
        case .invalidArgument, .notAllowed: return 2
        case .notFound: return 3
        case .rejected: return 4
        case .authentication: return 5
        case .network, .timeout, .tls: return 6
        case .outcomeUnknown: return 7
        case .server, .rateLimited: return 8
        case .protocolError, .internalError: return 9
        }
    }
}
