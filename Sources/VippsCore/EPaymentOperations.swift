import VippsHTTP

/// ePayment v1 on the wire (docs/epayment-client.md, docs/epayment.md): create, read, events, capture, refund, cancel and
/// the test approve, through the same pipeline as eCom (token, retries, deadlines, outcome
/// unknown, scrubbing). Every request that changes something carries an Idempotency-Key, so a
/// lost answer is resolved by sending the same request again with the same key.
extension VippsClient {
    static let ePaymentKeyHeader = "Idempotency-Key"

    private static func ePaymentPath(_ reference: String, _ tail: String = "") -> String {
        "/epayment/v1/payments/\(pathSegment(reference))\(tail)"
    }

    /// POST /epayment/v1/payments. `idempotencyKey` is the caller's (keep it with the order to
    /// repeat the create after a crash); without one a new key is made. Vipps answers a repeated
    /// create with the same key and body with the first answer, so a lost answer is simply asked
    /// for again with the same key.
    public func createPayment(_ request: CreatePaymentRequest, idempotencyKey: String?) throws(VippsError)
        -> PaymentCreation
    {
        try request.validate(customEnvironment: environment.isCustom)
        if let idempotencyKey { try EPaymentValidation.idempotencyKey(idempotencyKey) }
        guard let reference = request.reference, let amount = request.amount else {
            throw VippsError(.internalError, "create request passed validation with a missing field")
        }
        let body = JSONValue.object(try request.body(reference: reference, amount: amount)).utf8Bytes
        let key = idempotencyKey ?? Self.newIdempotencyKey()
        let operation = "create \(reference)"
        let deadline = callDeadline()
        var response = try perform(
            .post, "/epayment/v1/payments", body: body, kind: .keyedCreate, idempotencyKey: key,
            keyHeader: Self.ePaymentKeyHeader, operation: operation, deadline: deadline)
        if let creation = Self.creation(from: response, reference: reference, key: key) { return creation }
        log(.warning, "\(operation): the answer is unreadable; asking again with the same key")
        response = try perform(
            .post, "/epayment/v1/payments", body: body, kind: .keyedCreate, idempotencyKey: key,
            keyHeader: Self.ePaymentKeyHeader, operation: operation, deadline: deadline)
        if let creation = Self.creation(from: response, reference: reference, key: key) { return creation }
        throw unreadableSuccess(response, kind: .keyedCreate, orderId: reference, key: key)
    }

    /// Reads a create's answer: nil when it is not the JSON Vipps documents.
    package static func creation(from response: HTTPResponse, reference: String, key: String) -> PaymentCreation? {
        guard let json = JSONValue.parse(response.body), case .object = json, !json.containsNUL else { return nil }
        let url = json["redirectUrl"]?.text
        return PaymentCreation(
            reference: json["reference"]?.text ?? reference, redirectURL: url,
            landingToken: url.flatMap(Self.landingToken), idempotencyKey: key,
            json: String(decoding: response.body, as: UTF8.self))
    }

    /// The token of a landing page URL (`https://…?token=…`) or of an app URL (`vipps://token=…`).
    static func landingToken(in url: String) -> String? {
        if let token = queryValue(named: "token", in: url) { return token }
        // vipps://token=…: no query, the token is the rest of the URL.
        let bytes = Array(url.utf8)
        let marker = Array("token=".utf8)
        guard bytes.count > marker.count,
            let start = (0...(bytes.count - marker.count)).first(where: {
                Array(bytes[$0..<($0 + marker.count)]) == marker
            })
        else { return nil }
        let token = bytes[(start + marker.count)...].prefix { $0 != UInt8(ascii: "&") }
        return token.isEmpty ? nil : String(decoding: token, as: UTF8.self)
    }

    /// GET /epayment/v1/payments/{reference}: state and aggregate amounts. Works on eCom-initiated
    /// payments too.
    public func ePaymentPayment(reference: String) throws(VippsError) -> EPaymentPayment {
        try ePaymentPayment(reference: reference, deadline: nil)
    }

    func ePaymentPayment(reference: String, deadline: MonotonicInstant?) throws(VippsError) -> EPaymentPayment {
        try EPaymentValidation.reference(reference)
        let response = try perform(
            .get, Self.ePaymentPath(reference), kind: .read, operation: "get \(reference)", deadline: deadline)
        return try EPaymentPayment.parse(response.body, reference: reference, idempotencyKey: "")
    }

    /// GET /epayment/v1/payments/{reference}/events: the event log, oldest first.
    public func ePaymentEvents(reference: String) throws(VippsError) -> [EPaymentEvent] {
        try ePaymentEvents(reference: reference, deadline: nil)
    }

    func ePaymentEvents(reference: String, deadline: MonotonicInstant?) throws(VippsError) -> [EPaymentEvent] {
        try EPaymentValidation.reference(reference)
        let response = try perform(
            .get, Self.ePaymentPath(reference, "/events"), kind: .read, operation: "events \(reference)",
            deadline: deadline)
        let events = try EPaymentEvent.parseLog(response.body, reference: reference)
        pendingOperations.resolve(orderId: reference, seenRequestIds: events.map(\.idempotencyKey))
        return events
    }

    /// Captures `amount` minor units, or everything still reserved when `amount` is
    /// `remainingAmount` (read from the payment just before). ePayment needs the currency with
    /// the amount, so the payment is read first either way. A capture that overlaps another one
    /// and finds too little left is reported as Vipps refused it, never retried with another amount.
    public func ePaymentCapture(reference: String, amount: Int64, idempotencyKey: String?) throws(VippsError)
        -> EPaymentPayment
    {
        try ePaymentMoneyAction(.capture, reference: reference, amount: amount, key: idempotencyKey).payment
    }

    /// Refunds `amount` minor units, or everything captured and not yet refunded when `amount` is
    /// `remainingAmount`. Idempotent like `ePaymentCapture`.
    public func ePaymentRefund(reference: String, amount: Int64, idempotencyKey: String?) throws(VippsError)
        -> EPaymentPayment
    {
        try ePaymentMoneyAction(.refund, reference: reference, amount: amount, key: idempotencyKey).payment
    }

    /// The payment after the action, and the amount the action moved.
    func ePaymentMoneyAction(
        _ kind: RequestKind, reference: String, amount: Int64, key: String?
    ) throws(VippsError) -> (payment: EPaymentPayment, amount: Int64) {
        try EPaymentValidation.reference(reference)
        try EPaymentValidation.operationAmount(amount)
        if let key { try EPaymentValidation.idempotencyKey(key) }
        let action = kind == .capture ? "capture" : "refund"
        let pending = PendingOperations.Operation(orderId: reference, action: "epayment \(action)", amount: amount)
        return try withRememberedKey(pending, key: key) { key throws(VippsError) in
            let deadline = callDeadline()
            let before = try ePaymentPayment(reference: reference, deadline: deadline)
            var value = amount
            if amount == Self.remainingAmount {
                // "Everything" is an amount computed now; an earlier call with this key may have
                // been applied with another one. Its event says so, and then that call is the answer.
                let eventName = kind == .capture ? "CAPTURED" : "REFUNDED"
                let events = try ePaymentEvents(reference: reference, deadline: deadline)
                if let applied = events.first(where: {
                    $0.success && $0.name == eventName && $0.idempotencyKey == key
                }) {
                    log(.info, "\(action) \(reference): the key \(key) was applied already")
                    return (before.with(idempotencyKey: key), applied.amount)
                }
                value = kind == .capture ? before.remainingToCapture : before.remainingToRefund
                guard value > 0 else {
                    throw .invalidArgument("amount", "nothing remains to \(action) (state \(before.state.name))")
                }
            }
            let body = JSONValue.object([
                "modificationAmount": .object([
                    "currency": .string(before.currency), "value": .number(Double(value)),
                ])
            ]).utf8Bytes
            let response = try perform(
                .post, Self.ePaymentPath(reference, "/\(action)"), body: body, kind: kind, idempotencyKey: key,
                keyHeader: Self.ePaymentKeyHeader, operation: "\(action) \(reference)", deadline: deadline)
            do {
                return (try EPaymentPayment.parse(response.body, reference: reference, idempotencyKey: key), value)
            } catch {
                throw unreadableSuccess(response, kind: kind, orderId: reference, key: key)
            }
        }
    }

    /// Cancels what is not captured: before approval the payment ends (TERMINATED); after it the
    /// rest of the reservation is released (eCom's releaseRemainingFunds, ePayment's default).
    /// With `cancelTransactionOnly` an approved payment is left as it is and Vipps refuses the cancel.
    public func ePaymentCancel(reference: String, cancelTransactionOnly: Bool, idempotencyKey: String?)
        throws(VippsError) -> EPaymentPayment
    {
        try EPaymentValidation.reference(reference)
        if let idempotencyKey { try EPaymentValidation.idempotencyKey(idempotencyKey) }
        let body = JSONValue.object(["cancelTransactionOnly": .bool(cancelTransactionOnly)]).utf8Bytes
        let pending = PendingOperations.Operation(
            orderId: reference, action: cancelTransactionOnly ? "epayment cancel-transaction" : "epayment cancel",
            amount: 0)
        return try withRememberedKey(pending, key: idempotencyKey) { key throws(VippsError) in
            let response = try perform(
                .post, Self.ePaymentPath(reference, "/cancel"), body: body, kind: .keyedCancel, idempotencyKey: key,
                keyHeader: Self.ePaymentKeyHeader, operation: "cancel \(reference)")
            do {
                return try EPaymentPayment.parse(response.body, reference: reference, idempotencyKey: key)
            } catch {
                throw unreadableSuccess(response, kind: .keyedCancel, orderId: reference, key: key)
            }
        }
    }

    /// POST /epayment/v1/test/payments/{reference}/approve: approves as if the customer had, in
    /// the test environment and vipps-sim only (refused for production before anything is sent).
    public func ePaymentForceApprove(reference: String, customer: EPaymentCustomer?, landingToken: String?)
        throws(VippsError)
    {
        guard environment.allowsTestOperations else {
            throw VippsError(.notAllowed, "force approve exists only in the test environment, not in production")
        }
        try EPaymentValidation.reference(reference)
        if let customer { try customer.validate() }
        if let landingToken { try Validation.headerText(landingToken, field: "token", maxLength: 8192) }
        var body: JSONObject = [:]
        body["customer"] = customer.map { .object($0.body) }
        body["token"] = landingToken.map(JSONValue.string)
        _ = try perform(
            .post, "/epayment/v1/test/payments/\(Self.pathSegment(reference))/approve",
            body: JSONValue.object(body).utf8Bytes, kind: .forceApprove, operation: "force approve \(reference)")
    }
}

extension EPaymentPayment {
    func with(idempotencyKey key: String) -> EPaymentPayment {
        EPaymentPayment(
            reference: reference, pspReference: pspReference, ePaymentState: ePaymentState, state: state,
            currency: currency, amount: amount, authorizedAmount: authorizedAmount, capturedAmount: capturedAmount,
            refundedAmount: refundedAmount, cancelledAmount: cancelledAmount, remainingToCapture: remainingToCapture,
            remainingToRefund: remainingToRefund, redirectURL: redirectURL, idempotencyKey: key, json: json)
    }
}
