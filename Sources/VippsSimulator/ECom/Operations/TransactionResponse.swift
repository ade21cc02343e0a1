/// `TransactionResponse`, the body of a successful capture. For an idempotent retry `transactionInfo`
/// is the first answer's and `transactionSummary` today's (docs/ecom-v2.md#idempotency).
struct TransactionResponse: Encodable {
    let orderId: String
    let transactionInfo: TransactionInfo
    let transactionSummary: TransactionSummary

    init(capture outcome: OperationOutcome) {
        orderId = outcome.payment.orderId
        transactionInfo = TransactionInfo(outcome.entry, status: .captured)
        transactionSummary = outcome.payment.amounts
    }
}

/// `RefundTransactionResponse`. Its key is `transaction`, where capture and cancel say
/// `transactionInfo` (docs/ecom-v2.md#refund, #refund-answer-key): faithfully so, as clients must handle both.
struct RefundTransactionResponse: Encodable {
    let orderId: String
    let transaction: TransactionInfo
    let transactionSummary: TransactionSummary

    init(_ outcome: OperationOutcome) {
        orderId = outcome.payment.orderId
        transaction = TransactionInfo(outcome.entry, status: .refund)
        transactionSummary = outcome.payment.amounts
    }
}

/// `CancelTransactionResponse`. Both examples of the guide — a plain cancel and the release of a
/// remainder — show the payment's original amount, not the amount released, so `transactionInfo.amount`
/// is that; the log line (VOID/CANCEL) carries what was actually released.
struct CancelTransactionResponse: Encodable {
    let orderId: String
    let transactionInfo: TransactionInfo
    let transactionSummary: TransactionSummary

    init(_ outcome: OperationOutcome) {
        orderId = outcome.payment.orderId
        transactionInfo = TransactionInfo(outcome.entry, status: .cancelled, amount: outcome.payment.initiation.amount)
        transactionSummary = outcome.payment.amounts
    }
}

/// `TransactionInfo` of the capture, cancel and refund responses: the operation's own amount and text,
/// its new transactionId and the mixed-case status (`Captured`, `Cancelled`, `Refund`).
struct TransactionInfo: Encodable {
    let amount: Int
    let status: TransactionStatus
    let timeStamp: String
    let transactionId: String
    let transactionText: String

    init(_ entry: TransactionLogEntry, status: TransactionStatus, amount: Int? = nil) {
        self.amount = amount ?? entry.amount
        self.status = status
        timeStamp = Timestamp.string(from: entry.timeStamp)
        transactionId = entry.transactionId
        transactionText = entry.transactionText
    }
}

/// `transactionInfo.status` of the capture, cancel and refund responses: mixed case, and unlike both
/// the log operations of `/details` and the statuses of `/status` (docs/ecom-v2.md#status-words).
enum TransactionStatus: String, Sendable, Codable {
    case captured = "Captured"
    case cancelled = "Cancelled"
    case refund = "Refund"
}
