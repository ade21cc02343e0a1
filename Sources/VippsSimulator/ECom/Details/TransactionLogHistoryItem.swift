/// One element of `transactionLogHistory` (`TransactionLogHistory` of the OpenAPI file).
struct TransactionLogHistoryItem: Encodable {
    let amount: Int
    let operation: TransactionOperation
    let operationSuccess: Bool
    let requestId: String
    let timeStamp: String
    let transactionId: String
    let transactionText: String

    init(_ entry: TransactionLogEntry) {
        amount = entry.amount
        operation = entry.operation
        operationSuccess = entry.operationSuccess
        requestId = entry.requestId
        timeStamp = Timestamp.string(from: entry.timeStamp)
        transactionId = entry.transactionId
        transactionText = entry.transactionText
    }

    /// Newest first, as `/details` sorts it.
    static func history(of payment: Payment) -> [TransactionLogHistoryItem] {
        payment.log.reversed().map(TransactionLogHistoryItem.init)
    }
}
