import Foundation

/// One line of a payment's history (`transactionLogHistory[]` in `/details`).
public struct TransactionLogEntry: Sendable, Equatable, Codable {
    public var operation: TransactionOperation
    public var amount: Int
    public var transactionText: String
    /// INITIATE and RESERVE share one id; captures and refunds get their own (reference §4.5).
    public var transactionId: String
    public var timeStamp: Date
    /// The merchant's `X-Request-Id`, or "" when there was none.
    public var requestId: String
    public var operationSuccess: Bool
}

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
