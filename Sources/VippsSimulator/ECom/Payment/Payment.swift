import Foundation

/// One payment, identified by (MSN, orderId), with its whole history.
///
/// The state is never stored separately: it is read off the log, like a merchant reads it off `/details`,
/// so the two cannot disagree.
struct Payment: Sendable, Equatable {
    let initiation: PaymentInitiation
    /// The `token` of the landing URL; force approve must present it.
    let landingToken: String
    /// The landing page URL or app deeplink returned by initiate.
    let url: String
    /// The id shared by the INITIATE and RESERVE lines.
    let transactionId: String
    /// Oldest first; `/details` shows it newest first.
    private(set) var log: [TransactionLogEntry]
    /// The number the user approved with, when known.
    private(set) var customerPhoneNumber: String?
    /// The number the landing page "sent a push" to (or, with skipLandingPage, the initiate's
    /// mobileNumber): the payment is listed on that number's phone page while it awaits the user.
    var pushedTo: String?
    /// Express checkout: what the user chose on the phone page, for the callback and `/details`.
    var expressChoice: ExpressChoice?
    /// Express checkout: the options last shown for the chosen address.
    var shippingOffer: ShippingOffer?
    /// Successful captures and refunds by idempotency key (docs/ecom-v2.md#idempotency).
    private(set) var idempotentResults: [IdempotencyKey: IdempotentResult] = [:]
    /// What the ePayment create added; nil for a payment initiated through eCom.
    var ePayment: EPaymentFacts?
    /// ePayment captures, refunds and cancels by idempotency key, with the body each was sent with.
    private(set) var ePaymentRequests: [EPaymentRequestKey: String] = [:]

    var merchantSerialNumber: String { initiation.merchantSerialNumber }
    var orderId: String { initiation.orderId }

    /// The last successful operation.
    var state: TransactionOperation {
        log.last(where: \.operationSuccess)?.operation ?? .initiate
    }

    var summary: TransactionSummary? { TransactionSummary(log: log) }

    /// When initiate was called (the INITIATE line).
    var initiatedAt: Date { log[0].timeStamp }

    /// Still waiting for the user: nothing but INITIATE, and no failed approval either (a refused card
    /// ends the user's side, as at Vipps, where the user would have to start a new payment).
    var isAwaitingUser: Bool {
        log.count == 1
    }

    /// What an approval reserves: the initiated amount plus, for express, the chosen shipping cost.
    /// docs/ecom-v2.md#amounts infers this from WooCommerce, which captures the order total incl. shipping.
    var reservationAmount: Int {
        initiation.amount + (expressChoice?.shipping.costInOre ?? 0)
    }

    /// The landing page is valid for 5 minutes (docs/ecom-v2.md#user-side-timing)…
    static let landingLifetime: TimeInterval = 5 * 60
    /// …and the user then has another 5: a payment nobody acts on ends 10 minutes after initiate.
    /// Decision: measured from initiate, whether or not the push was sent, since the guide gives the
    /// 10 minutes as a total.
    static let userLifetime: TimeInterval = 10 * 60

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

    /// A payment as the state file kept it (`StoredPayment`), with everything that happened to it.
    /// `log` must not be empty: its INITIATE line is the payment's start.
    init(
        initiation: PaymentInitiation,
        landingToken: String,
        url: String,
        transactionId: String,
        log: [TransactionLogEntry],
        customerPhoneNumber: String?,
        pushedTo: String?,
        expressChoice: ExpressChoice?,
        shippingOffer: ShippingOffer?,
        idempotentResults: [IdempotencyKey: IdempotentResult],
        ePayment: EPaymentFacts? = nil,
        ePaymentRequests: [EPaymentRequestKey: String] = [:]
    ) {
        precondition(!log.isEmpty, "a payment's log starts with its INITIATE line")
        self.initiation = initiation
        self.landingToken = landingToken
        self.url = url
        self.transactionId = transactionId
        self.log = log
        self.customerPhoneNumber = customerPhoneNumber
        self.pushedTo = pushedTo
        self.expressChoice = expressChoice
        self.shippingOffer = shippingOffer
        self.idempotentResults = idempotentResults
        self.ePayment = ePayment
        self.ePaymentRequests = ePaymentRequests
    }

    /// The user (or force approve) accepted: the amount is reserved or, for a sales unit with direct
    /// capture, captured at once (a SALE line; docs/ecom-v2.md#direct-capture).
    mutating func reserve(
        at date: Date,
        requestId: String,
        customerPhoneNumber: String?,
        directCapture: Bool = false
    ) throws(BackendError) {
        try endUserSide(
            at: date, requestId: requestId, customerPhoneNumber: customerPhoneNumber,
            directCapture: directCapture, succeeded: true)
    }

    /// The user approved but the card was refused: the RESERVE (or SALE) line with operationSuccess
    /// false (docs/ecom-v2.md#simulator-choices item 2). The payment stays in INITIATE for `state`, and the user's side
    /// is over.
    mutating func failReservation(at date: Date, customerPhoneNumber: String?, directCapture: Bool) throws(BackendError)
    {
        try endUserSide(
            at: date, requestId: "", customerPhoneNumber: customerPhoneNumber,
            directCapture: directCapture, succeeded: false)
    }

    /// The RESERVE (or SALE) line that ends the user's side, successful or not.
    private mutating func endUserSide(
        at date: Date, requestId: String, customerPhoneNumber: String?,
        directCapture: Bool, succeeded: Bool
    ) throws(BackendError) {
        guard isAwaitingUser else {
            throw .transactionNotAllowed("Order '\(orderId)' is not awaiting approval: its state is \(state.rawValue).")
        }
        log.append(
            TransactionLogEntry(
                operation: directCapture ? .sale : .reserve,
                amount: reservationAmount,
                transactionText: initiation.transactionText,
                transactionId: transactionId,
                timeStamp: date,
                requestId: requestId,
                operationSuccess: succeeded
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

    mutating func remember(ePaymentRequest body: String, under key: EPaymentRequestKey) {
        ePaymentRequests[key] = body
    }
}
