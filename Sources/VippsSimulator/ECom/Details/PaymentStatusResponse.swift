/// `PaymentStatus`, the body of the deprecated `/status` (docs/ecom-v2.md#status): the last successful
/// operation, with that log line's amount, time and transactionId. The status is the log's operation
/// name (INITIATE … VOID); REGISTER, FAILED and REJECTED of the enum never occur in the simulator.
struct PaymentStatusResponse: Encodable {
    struct Info: Encodable {
        let amount: Int
        let status: TransactionOperation
        let timeStamp: String
        let transactionId: String
    }

    let orderId: String
    let transactionInfo: Info

    init(_ payment: Payment) {
        orderId = payment.orderId
        // The INITIATE line is always there and always successful.
        let last = payment.log.last(where: \.operationSuccess) ?? payment.log[0]
        transactionInfo = Info(
            amount: last.amount,
            status: last.operation,
            timeStamp: Timestamp.string(from: last.timeStamp),
            transactionId: last.transactionId
        )
    }
}
