/// Capture, refund, cancel and the deprecated status: the operations that manage a payment
/// after the customer approved it (ecom-v2-reference §4.2–§4.6).
extension VippsClient {
    /// Captures `amount` øre, or everything still reserved when `amount` is 0. Idempotent: the
    /// X-Request-Id is `idempotencyKey`, or one generated for this call and kept for each of its
    /// retries. Repeat a call whose outcome is unknown with the same key (error.requestId).
    public func capture(orderId: String, amount: Int64, transactionText: String,
                        idempotencyKey: String?) throws(VippsError) -> PaymentTransaction {
        try moneyAction("capture", orderId: orderId, amount: amount, text: transactionText, key: idempotencyKey)
    }

    /// Refunds `amount` øre, or everything captured and not yet refunded when `amount` is 0.
    /// Idempotent like `capture`.
    public func refund(orderId: String, amount: Int64, transactionText: String,
                       idempotencyKey: String?) throws(VippsError) -> PaymentTransaction {
        try moneyAction("refund", orderId: orderId, amount: amount, text: transactionText, key: idempotencyKey)
    }

    private func moneyAction(_ action: String, orderId: String, amount: Int64, text: String,
                             key: String?) throws(VippsError) -> PaymentTransaction {
        try Validation.orderId(orderId)
        try Validation.operationAmount(amount)
        try Validation.transactionText(text)
        if let key { try Validation.idempotencyKey(key) }
        let requestId = key ?? Self.newIdempotencyKey()
        // Full capture/refund is "amount omitted" (§15.2): Vipps' own examples do that.
        var transaction: JSONObject = ["transactionText": .string(text)]
        transaction["amount"] = amount == 0 ? nil : .number(Double(amount))
        let body: JSONValue = .object(["merchantInfo": .object(["merchantSerialNumber": .string(merchantSerialNumber)]),
                                       "transaction": .object(transaction)])
        let response = try perform(.post, "/ecomm/v2/payments/\(Self.pathSegment(orderId))/\(action)",
                                   body: body.utf8Bytes, kind: .idempotent(key: requestId),
                                   operation: "\(action) \(orderId)")
        return try PaymentTransaction.parse(response.body, orderId: orderId, requestId: requestId)
    }

    /// Cancels a payment that is waiting for the customer or reserved. After a partial capture,
    /// `releaseRemainingFunds` must be true to give the rest back (Vipps refuses otherwise).
    ///
    /// Cancel has no idempotency key at Vipps, so when its answer is lost the payment's details
    /// decide: already cancelled means done; otherwise it is sent again while time remains.
    public func cancel(orderId: String, transactionText: String,
                       releaseRemainingFunds: Bool) throws(VippsError) -> PaymentTransaction {
        try Validation.orderId(orderId)
        try Validation.transactionText(transactionText)
        var cancelBody: JSONObject = ["merchantInfo": .object(["merchantSerialNumber": .string(merchantSerialNumber)]),
                                      "transaction": .object(["transactionText": .string(transactionText)])]
        cancelBody["shouldReleaseRemainingFunds"] = releaseRemainingFunds ? .bool(true) : nil
        let body = JSONValue.object(cancelBody).utf8Bytes
        let operation = "cancel \(orderId)"
        let path = "/ecomm/v2/payments/\(Self.pathSegment(orderId))/cancel"
        var resolutions = 0
        while true {
            do {
                let response = try perform(.put, path, body: body, kind: .unrepeatable, operation: operation)
                return try PaymentTransaction.parse(response.body, orderId: orderId, requestId: "")
            } catch where error.category == .outcomeUnknown && resolutions < 2 {
                resolutions += 1
                log(.warning, "\(operation): outcome unknown; reading the payment's details to resolve it")
                guard let details = try? paymentDetails(orderId: orderId) else { throw error }
                if Self.isCancelled(details, releaseRemainingFunds: releaseRemainingFunds) {
                    log(.info, "\(operation): the details show it cancelled")
                    return PaymentTransaction.cancelled(from: details, text: transactionText)
                }
                log(.info, "\(operation): the details show it not cancelled; sending it again")
            }
        }
    }

    private static func isCancelled(_ details: PaymentDetails, releaseRemainingFunds: Bool) -> Bool {
        switch details.state {
        case .cancelled, .voided: return true
        case .captured, .partiallyRefunded, .refunded:
            // A release after a partial capture leaves it captured with nothing left to capture.
            return releaseRemainingFunds && details.remainingToCapture == 0
                && details.log.contains(where: { $0.success && ($0.operation == "CANCEL" || $0.operation == "VOID") })
        default: return false
        }
    }

    /// GET …/status: deprecated by Vipps ("the response may be confusing"); use details.
    public func paymentStatus(orderId: String) throws(VippsError) -> PaymentTransaction {
        try Validation.orderId(orderId)
        let response = try perform(.get, "/ecomm/v2/payments/\(Self.pathSegment(orderId))/status",
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
