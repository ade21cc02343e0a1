import VippsHTTP

/// Capture, refund, cancel and the deprecated status: the operations that manage a payment
/// after the customer approved it (docs/ecom-v2.md#capture to #status).
extension VippsClient {
    /// The amount that means "everything that remains" (VIPPS_AMOUNT_REMAINING): Int64.min, a
    /// value no arithmetic slip or missing field produces.
    public static let remainingAmount = Int64.min

    /// Captures `amount` øre, or everything still reserved when `amount` is `remainingAmount`.
    /// Idempotent: the X-Request-Id is `idempotencyKey`; without one, the key of an earlier call
    /// for the same order and amount whose outcome is still unknown (see `PendingOperations`), or
    /// a new one kept for each of this call's retries.
    public func capture(
        orderId: String, amount: Int64, transactionText: String,
        idempotencyKey: String?
    ) throws(VippsError) -> PaymentTransaction {
        if api == .ePayment {
            return try ePaymentTransaction(.capture, orderId: orderId, amount: amount, key: idempotencyKey)
        }
        return try moneyAction("capture", orderId: orderId, amount: amount, text: transactionText, key: idempotencyKey)
    }

    /// Refunds `amount` øre, or everything captured and not yet refunded when `amount` is
    /// `remainingAmount`. Idempotent like `capture`.
    public func refund(
        orderId: String, amount: Int64, transactionText: String,
        idempotencyKey: String?
    ) throws(VippsError) -> PaymentTransaction {
        if api == .ePayment {
            return try ePaymentTransaction(.refund, orderId: orderId, amount: amount, key: idempotencyKey)
        }
        return try moneyAction("refund", orderId: orderId, amount: amount, text: transactionText, key: idempotencyKey)
    }

    private func moneyAction(
        _ action: String, orderId: String, amount: Int64, text: String,
        key: String?
    ) throws(VippsError) -> PaymentTransaction {
        try Validation.orderId(orderId)
        try Validation.operationAmount(amount)
        try Validation.transactionText(text)
        if let key { try Validation.idempotencyKey(key) }
        let pending = PendingOperations.Operation(orderId: orderId, action: action, amount: amount)
        return try withRememberedKey(pending, key: key) { requestId throws(VippsError) in
            try sendMoneyAction(action, orderId: orderId, amount: amount, text: text, requestId: requestId)
        }
    }

    /// Runs a keyed operation with the caller's key; without one, with the key of an earlier call
    /// for the same operation whose outcome is still unknown (see `PendingOperations`), or a new
    /// one kept for each of this call's retries.
    func withRememberedKey<Result>(
        _ pending: PendingOperations.Operation, key: String?,
        _ operation: (String) throws(VippsError) -> Result
    ) throws(VippsError) -> Result {
        let remembered = key == nil ? pendingOperations.key(for: pending) : nil
        let requestId = key ?? remembered ?? Self.newIdempotencyKey()
        if let remembered {
            log(
                .info,
                "\(pending.action) \(pending.orderId): repeating an earlier call without an answer, with its key "
                    + remembered)
        }
        do {
            let result = try operation(requestId)
            // Also when the caller passed the remembered key itself.
            pendingOperations.forget(pending, key: requestId)
            return result
        } catch {
            if Self.isDefiniteAnswer(error) {
                pendingOperations.forget(pending, key: requestId)
            } else if key == nil {
                pendingOperations.remember(pending, key: requestId)
            }
            throw error
        }
    }

    private func sendMoneyAction(
        _ action: String, orderId: String, amount: Int64, text: String,
        requestId: String
    ) throws(VippsError) -> PaymentTransaction {
        // Full capture/refund is "amount omitted" (docs/ecom-v2.md#full-capture-or-refund): Vipps' own examples do
        // that.
        var transaction: JSONObject = ["transactionText": .string(text)]
        transaction["amount"] = amount == Self.remainingAmount ? nil : .number(Double(amount))
        let body: JSONValue = .object([
            "merchantInfo": .object(["merchantSerialNumber": .string(merchantSerialNumber)]),
            "transaction": .object(transaction),
        ])
        let operation = "\(action) \(orderId)"
        let response = try perform(
            .post, "/ecomm/v2/payments/\(Self.pathSegment(orderId))/\(action)",
            body: body.utf8Bytes, kind: action == "capture" ? .capture : .refund, idempotencyKey: requestId,
            operation: operation)
        do {
            return try PaymentTransaction.parse(response.body, orderId: orderId, requestId: requestId)
        } catch {
            throw unreadableSuccess(
                response, kind: action == "capture" ? .capture : .refund, orderId: orderId, key: requestId)
        }
    }

    /// Vipps answered the request itself, so its outcome is known: it was not applied.
    static func isDefiniteAnswer(_ error: VippsError) -> Bool {
        switch error.category {
        case .invalidArgument, .notAllowed, .authentication, .notFound, .rejected: return true
        default: return false
        }
    }

    /// Cancels a payment that is waiting for the customer or reserved. After a partial capture,
    /// `releaseRemainingFunds` must be true to give the rest back (Vipps refuses otherwise).
    ///
    /// Cancel has no idempotency key at Vipps, so when its answer is lost or unreadable the
    /// payment's details decide: already cancelled means done; otherwise it is sent again while
    /// time remains. A resend that Vipps refuses (the first one still in progress, or already
    /// done) is resolved from the details too, never reported as a refusal of the cancel.
    public func cancel(
        orderId: String, transactionText: String,
        releaseRemainingFunds: Bool
    ) throws(VippsError) -> PaymentTransaction {
        if api == .ePayment { return try ePaymentCancelTransaction(orderId: orderId) }
        try Validation.orderId(orderId)
        try Validation.transactionText(transactionText)
        var cancelBody: JSONObject = [
            "merchantInfo": .object(["merchantSerialNumber": .string(merchantSerialNumber)]),
            "transaction": .object(["transactionText": .string(transactionText)]),
        ]
        cancelBody["shouldReleaseRemainingFunds"] = releaseRemainingFunds ? .bool(true) : nil
        let body = JSONValue.object(cancelBody).utf8Bytes
        return try sendCancel(
            body, orderId: orderId, transactionText: transactionText, releaseRemainingFunds: releaseRemainingFunds)
    }

    /// GET …/status: deprecated by Vipps ("the response may be confusing"); use details.
    public func paymentStatus(orderId: String) throws(VippsError) -> PaymentTransaction {
        if api == .ePayment { return PaymentTransaction(try ePaymentPayment(reference: orderId), amount: 0) }
        try Validation.orderId(orderId)
        let response = try perform(
            .get, "/ecomm/v2/payments/\(Self.pathSegment(orderId))/status",
            kind: .read, operation: "status \(orderId)")
        return try PaymentTransaction.parse(response.body, orderId: orderId, requestId: "")
    }

    /// A fresh X-Request-Id: "vipps-" and 32 random hex digits (38 characters, under Vipps' 40).
    static func newIdempotencyKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return "vipps-" + String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 16)
    }
}
