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
