/// Checks capture, refund and cancel requests (docs/ecom-v2.md#capture to #refund). Errors are `InvalidRequest` with
/// the field's path (or the header's name) as the code, as for initiate.
enum PaymentActionValidator {
    static let maximumRequestIdLength = 40

    /// Capture and refund. `X-Request-Id` is required: the spec marks it so, and without it a retry
    /// could not be told from a second capture (the simulator's choice; Vipps' own texts call it
    /// "required for partial captures" only).
    static func validate(_ body: PaymentActionsRequest, requestId: String?, allowSmallAmounts: Bool = false)
        throws(BackendError) -> PaymentAction
    {
        let merchantSerialNumber = try merchantSerialNumber(body.merchantInfo)
        guard let transaction = body.transaction else { throw missing("transaction") }
        let transactionText = try transactionText(transaction.transactionText)
        // 0 (like null and absent) is "everything remaining"; a remainder below 1 NOK is taken
        // that way. Otherwise the spec's `minimum: 100`, unless the leniency is switched on.
        if let amount = transaction.amount, amount < 0 || (amount > 0 && amount < 100 && !allowSmallAmounts) {
            throw .invalidRequest(
                field: "transaction.amount",
                "transaction.amount must be at least 100 (øre, that is 1 NOK); 0 or absent means all.")
        }
        guard let requestId, !requestId.isEmpty else {
            throw .invalidRequest(
                field: "X-Request-Id", "The X-Request-Id header is required: the idempotency key of this request.")
        }
        try checkLength(requestId)
        return PaymentAction(
            merchantSerialNumber: merchantSerialNumber,
            amount: transaction.amount == 0 ? nil : transaction.amount,
            transactionText: transactionText,
            requestId: requestId
        )
    }

    static func validate(_ body: CancelPaymentActionRequest, requestId: String?) throws(BackendError) -> CancelAction {
        let merchantSerialNumber = try merchantSerialNumber(body.merchantInfo)
        guard let transaction = body.transaction else { throw missing("transaction") }
        let transactionText = try transactionText(transaction.transactionText)
        if let requestId { try checkLength(requestId) }
        return CancelAction(
            merchantSerialNumber: merchantSerialNumber,
            transactionText: transactionText,
            shouldReleaseRemainingFunds: body.shouldReleaseRemainingFunds ?? false,
            requestId: requestId ?? ""
        )
    }

    static func checkLength(_ requestId: String) throws(BackendError) {
        guard requestId.count <= maximumRequestIdLength else {
            throw .invalidRequest(
                field: "X-Request-Id", "X-Request-Id must be at most \(maximumRequestIdLength) characters.")
        }
    }

    private static func merchantSerialNumber(_ merchantInfo: PaymentActionsRequest.MerchantInfo?) throws(BackendError)
        -> String
    {
        guard let merchantInfo else { throw missing("merchantInfo") }
        guard let msn = merchantInfo.merchantSerialNumber else { throw missing("merchantInfo.merchantSerialNumber") }
        guard InitiationValidator.isDigits(msn, count: 5...6) else {
            throw .invalidRequest(
                field: "merchantInfo.merchantSerialNumber",
                "merchantInfo.merchantSerialNumber must be a string of 5 or 6 digits.")
        }
        return msn
    }

    private static func transactionText(_ text: String?) throws(BackendError) -> String {
        guard let text else { throw missing("transaction.transactionText") }
        guard (1...100).contains(text.count) else {
            throw .invalidRequest(
                field: "transaction.transactionText", "transaction.transactionText must be 1 to 100 characters.")
        }
        return text
    }

    private static func missing(_ field: String) -> BackendError {
        .invalidRequest(field: field, "\(field) is required.")
    }
}

/// The capture and refund body as sent (`PaymentActionsRequest`):
/// `{"merchantInfo":{"merchantSerialNumber":"123456"},"transaction":{"amount":20000,"transactionText":"…"}}`.
/// All optional, as for initiate: decoding checks JSON types, `PaymentActionValidator` the rest. A JSON
/// `null` amount decodes as absent, which is what the guide means by it (a full capture or refund).
struct PaymentActionsRequest: Decodable {
    struct MerchantInfo: Decodable {
        var merchantSerialNumber: String?
    }

    struct Transaction: Decodable {
        var amount: Int?
        var transactionText: String?
    }

    var merchantInfo: MerchantInfo?
    var transaction: Transaction?
}

/// The cancel body as sent (`CancelPaymentActionRequest`): `merchantInfo`, a `transaction` with only a
/// `transactionText`, and the optional `shouldReleaseRemainingFunds`. An `amount` in `transaction` is
/// ignored: cancel has none.
struct CancelPaymentActionRequest: Decodable {
    struct Transaction: Decodable {
        var transactionText: String?
    }

    var merchantInfo: PaymentActionsRequest.MerchantInfo?
    var transaction: Transaction?
    var shouldReleaseRemainingFunds: Bool?
}
