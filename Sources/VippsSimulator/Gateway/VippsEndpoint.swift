/// The Vipps endpoints the simulator serves, by the names the control API uses for them (faults,
/// rate limits).
public enum VippsEndpoint: String, Sendable, Codable, CaseIterable {
    case token
    case initiate
    case capture
    case cancel
    case refund
    case details
    case status
    case approve

    /// Requests allowed per minute and key (reference §10); `nil` where none is documented.
    var rateLimitPerMinute: Int? {
        switch self {
        case .initiate: 2
        case .capture, .cancel, .refund: 5
        case .details, .status: 120
        case .token, .approve: nil
        }
    }

    /// The log operation whose requests the ledger counts (`requests` of `GET /sim/v1/payments/{orderId}`).
    var countedOperation: TransactionOperation? {
        switch self {
        case .capture: .capture
        case .refund: .refund
        case .cancel: .cancel
        default: nil
        }
    }
}
