/// The contents of the state file (`--state-file`), version 1: everything a restart must keep so that a
/// shop's orders still exist afterwards. Access tokens are left out (clients fetch new ones, as they
/// must anyway when a token expires), and so are faults and the recorded calls to the shop, which
/// belong to one test run.
struct StoredState: Codable, Equatable, Sendable {
    /// Raised whenever the format changes in a way an older simulator could misread.
    static let currentVersion = 2
    /// Files without ePayment payments are still written as version 1, which older simulators read;
    /// version 2 adds the ePayment members, which they would silently drop.
    static let readableVersions = 1...2

    var version = StoredState.currentVersion
    /// `OffsetClock.movedBy`: how far the control API had moved the clock (0 for other clocks).
    var clockOffsetSeconds: Double
    /// Settings per sales unit (MSN).
    var merchants: [String: MerchantSettings]
    /// Capture, refund and cancel requests counted per orderId.
    var requestCounts: [String: RequestCounts]
    /// Oldest first, as the control API lists them.
    var payments: [StoredPayment]
}

/// A payment in the state file. `Payment` itself is not `Codable`: its idempotency results need
/// another shape in JSON, and its derived values (state, summary) must stay derived, not stored.
struct StoredPayment: Codable, Equatable, Sendable {
    var initiation: PaymentInitiation
    var landingToken: String
    var url: String
    var transactionId: String
    /// Oldest first; never empty.
    var log: [TransactionLogEntry]
    var customerPhoneNumber: String?
    var pushedTo: String?
    var expressChoice: ExpressChoice?
    var shippingOffer: ShippingOffer?
    /// Sorted by endpoint and request id, so that saving the same state twice writes the same bytes.
    var idempotentResults: [StoredIdempotentResult]
    /// Absent for eCom payments (and in version 1 files).
    var ePayment: EPaymentFacts?
    /// Absent when empty; sorted like `idempotentResults`.
    var ePaymentRequests: [StoredEPaymentRequest]?

    init(_ payment: Payment) {
        initiation = payment.initiation
        landingToken = payment.landingToken
        url = payment.url
        transactionId = payment.transactionId
        log = payment.log
        customerPhoneNumber = payment.customerPhoneNumber
        pushedTo = payment.pushedTo
        expressChoice = payment.expressChoice
        shippingOffer = payment.shippingOffer
        idempotentResults = payment.idempotentResults
            .map { StoredIdempotentResult(key: $0.key, result: $0.value) }
            .sorted { ($0.key.operation.rawValue, $0.key.requestId) < ($1.key.operation.rawValue, $1.key.requestId) }
        ePayment = payment.ePayment
        let requests = payment.ePaymentRequests
            .map {
                StoredEPaymentRequest(
                    operation: $0.key.operation, idempotencyKey: $0.key.idempotencyKey, body: $0.value)
            }
            .sorted { ($0.operation.rawValue, $0.idempotencyKey) < ($1.operation.rawValue, $1.idempotencyKey) }
        ePaymentRequests = requests.isEmpty ? nil : requests
    }

    /// The payment again; nil when the file is inconsistent (no log, or one key used twice).
    func payment() -> Payment? {
        guard !log.isEmpty else { return nil }
        var results: [IdempotencyKey: IdempotentResult] = [:]
        for stored in idempotentResults {
            guard results.updateValue(stored.result, forKey: stored.key) == nil else { return nil }
        }
        var requests: [EPaymentRequestKey: String] = [:]
        for stored in ePaymentRequests ?? [] {
            let key = EPaymentRequestKey(operation: stored.operation, idempotencyKey: stored.idempotencyKey)
            guard requests.updateValue(stored.body, forKey: key) == nil else { return nil }
        }
        return Payment(
            initiation: initiation,
            landingToken: landingToken,
            url: url,
            transactionId: transactionId,
            log: log,
            customerPhoneNumber: customerPhoneNumber,
            pushedTo: pushedTo,
            expressChoice: expressChoice,
            shippingOffer: shippingOffer,
            idempotentResults: results,
            ePayment: ePayment,
            ePaymentRequests: requests
        )
    }
}

/// One remembered capture or refund: `Payment.idempotentResults` as a list, since a dictionary with a
/// struct key would become an array of alternating keys and values in JSON.
struct StoredIdempotentResult: Codable, Equatable, Sendable {
    var key: IdempotencyKey
    var result: IdempotentResult
}

/// One remembered ePayment capture, refund or cancel: its key and the body it came with.
struct StoredEPaymentRequest: Codable, Equatable, Sendable {
    var operation: EPaymentOperation
    var idempotencyKey: String
    var body: String
}
