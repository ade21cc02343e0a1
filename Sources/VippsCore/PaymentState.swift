/// One merchant-facing state for a payment, derived from Vipps' transaction log. Vipps speaks
/// several vocabularies (log operations, callback statuses, response statuses); shops should
/// only need this one. Raw values are the C ABI's `VIPPS_STATE_*` constants.
public enum PaymentState: Int32, Sendable, CaseIterable {
    case unknown = 0
    /// Waiting for the customer to approve in the app.
    case initiated = 1
    /// The customer approved; the amount is reserved and nothing has been captured.
    case reserved = 2
    /// Part of the reservation is captured; more can be captured.
    case partiallyCaptured = 3
    /// Everything that will be captured has been (nothing remains to capture).
    case captured = 4
    /// Some of the captured amount has been refunded.
    case partiallyRefunded = 5
    /// The whole captured amount has been refunded.
    case refunded = 6
    /// Cancelled before approval: by the customer, by the merchant, or because nobody acted in time.
    case cancelled = 7
    /// The merchant cancelled the reservation (VOID); no money moved.
    case voided = 8
    /// The reservation failed (card refused, insufficient funds, ...).
    case failed = 9
    /// The customer did not act in time (known from a REJECTED callback).
    case expired = 10

    public var name: String {
        switch self {
        case .unknown: return "unknown"
        case .initiated: return "initiated"
        case .reserved: return "reserved"
        case .partiallyCaptured: return "partially_captured"
        case .captured: return "captured"
        case .partiallyRefunded: return "partially_refunded"
        case .refunded: return "refunded"
        case .cancelled: return "cancelled"
        case .voided: return "voided"
        case .failed: return "failed"
        case .expired: return "expired"
        }
    }

    /// True when the customer's part is over: approved, refused, cancelled or timed out.
    public var isUserOutcomeFinal: Bool { self != .initiated && self != .unknown }
}
