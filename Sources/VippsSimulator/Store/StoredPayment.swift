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
    }

    /// The payment again; nil when the file is inconsistent (no log, or one key used twice).
    func payment() -> Payment? {
        guard !log.isEmpty else { return nil }
        var results: [IdempotencyKey: IdempotentResult] = [:]
        for stored in idempotentResults {
            guard results.updateValue(stored.result, forKey: stored.key) == nil else { return nil }
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
            idempotentResults: results
        )
    }
}
