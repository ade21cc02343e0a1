import Foundation

/// One line of a payment's history (`transactionLogHistory[]` in `/details`).
struct TransactionLogEntry: Sendable, Equatable, Codable {
    var operation: TransactionOperation
    var amount: Int
    var transactionText: String
    /// INITIATE and RESERVE share one id; captures and refunds get their own (docs/ecom-v2.md#details).
    var transactionId: String
    var timeStamp: Date
    /// The merchant's `X-Request-Id`, or "" when there was none.
    var requestId: String
    var operationSuccess: Bool
}

/// The operations of a payment's transaction log, as `/details` names them (`TransactionLogHistory.operation`).
enum TransactionOperation: String, Sendable, Codable, CaseIterable {
    case initiate = "INITIATE"
    case reserve = "RESERVE"
    case sale = "SALE"
    case capture = "CAPTURE"
    case refund = "REFUND"
    case cancel = "CANCEL"
    case void = "VOID"
}
