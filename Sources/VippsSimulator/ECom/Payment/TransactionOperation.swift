/// The operations of a payment's transaction log, as `/details` names them (`TransactionLogHistory.operation`).
public enum TransactionOperation: String, Sendable, Codable, CaseIterable {
    case initiate = "INITIATE"
    case reserve = "RESERVE"
    case sale = "SALE"
    case capture = "CAPTURE"
    case refund = "REFUND"
    case cancel = "CANCEL"
    case void = "VOID"
}
