/// `transactionInfo.status` of the capture, cancel and refund responses: mixed case, and unlike both
/// the log operations of `/details` and the statuses of `/status` (reference §6.1).
public enum TransactionStatus: String, Sendable, Codable {
    case captured = "Captured"
    case cancelled = "Cancelled"
    case refund = "Refund"
}
