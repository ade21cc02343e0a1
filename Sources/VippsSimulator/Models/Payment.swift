import Foundation

/// One payment, identified by (MSN, orderId), with its whole history.
///
/// The state is never stored separately: it is read off the log, like a merchant reads it off `/details`,
/// so the two cannot disagree.
public struct Payment: Sendable, Equatable {
    public let initiation: PaymentInitiation
    /// The `token` of the landing URL; force approve must present it.
    public let landingToken: String
    /// The landing page URL or app deeplink returned by initiate.
    public let url: String
    /// The id shared by the INITIATE and RESERVE lines.
    public let transactionId: String
    /// Oldest first; `/details` shows it newest first.
    public private(set) var log: [TransactionLogEntry]
    /// The number the user approved with, when known.
    public private(set) var customerPhoneNumber: String?
    /// Successful captures and refunds by idempotency key (reference §8).
    private(set) var idempotentResults: [IdempotencyKey: IdempotentResult] = [:]

    public var merchantSerialNumber: String { initiation.merchantSerialNumber }
    public var orderId: String { initiation.orderId }

    /// The last successful operation.
    public var state: TransactionOperation {
        log.last(where: \.operationSuccess)?.operation ?? .initiate
    }

    public var summary: TransactionSummary? { TransactionSummary(log: log) }

    init(initiation: PaymentInitiation, landingToken: String, url: String, transactionId: String, initiatedAt: Date) {
        self.initiation = initiation
        self.landingToken = landingToken
        self.url = url
        self.transactionId = transactionId
        self.log = [
            TransactionLogEntry(
                operation: .initiate,
                amount: initiation.amount,
                transactionText: initiation.transactionText,
                transactionId: transactionId,
                timeStamp: initiatedAt,
                requestId: "",
                operationSuccess: true
            )
        ]
    }

    /// The user (or force approve) accepted: the amount is reserved or, for a sales unit with direct
    /// capture, captured at once (a SALE line; reference §6.5).
    mutating func reserve(
        at date: Date,
        requestId: String,
        customerPhoneNumber: String?,
        directCapture: Bool = false
    ) throws(BackendError) {
        guard state == .initiate else {
            throw .transactionNotAllowed("Order '\(orderId)' is not awaiting approval: its state is \(state.rawValue).")
        }
        log.append(
            TransactionLogEntry(
                operation: directCapture ? .sale : .reserve,
                amount: initiation.amount,
                transactionText: initiation.transactionText,
                transactionId: transactionId,
                timeStamp: date,
                requestId: requestId,
                operationSuccess: true
            )
        )
        self.customerPhoneNumber = customerPhoneNumber ?? initiation.mobileNumber
    }

    /// Appends a line of a capture, refund, cancel or void.
    mutating func append(_ entry: TransactionLogEntry) {
        log.append(entry)
    }

    mutating func remember(_ result: IdempotentResult, under key: IdempotencyKey) {
        idempotentResults[key] = result
    }
}
