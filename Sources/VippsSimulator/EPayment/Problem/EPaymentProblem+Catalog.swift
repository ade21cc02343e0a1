import Hummingbird

/// The ePayment problems the simulator sends, with their documented codes and titles. The HTTP
/// status is documented for few of them; the others use the statuses the API declares (400, 404, 409).
extension EPaymentProblem {
    static func field(_ name: String, _ reason: String) -> EPaymentProblem {
        EPaymentProblem(fields: [Detail(name: name, reason: reason)])
    }

    private static func bad(_ code: Int, _ title: String, _ detail: String) -> EPaymentProblem {
        EPaymentProblem(status: .badRequest, code: code, title: title, detail: detail)
    }

    private static func conflict(_ code: Int, _ title: String, _ detail: String) -> EPaymentProblem {
        EPaymentProblem(status: .conflict, code: code, title: title, detail: detail)
    }

    // Create.
    static func invalidAmount(_ detail: String) -> Self { bad(4040, "Invalid amount", detail) }
    static func invalidPhoneNumber(_ detail: String) -> Self { bad(4070, "Invalid phone number", detail) }
    static func invalidPersonalQr() -> Self { bad(4060, "Invalid PersonalQr", "The personal QR code is not known.") }
    static func invalidCustomerToken() -> Self {
        bad(4050, "Invalid CustomerToken", "The customer token is not known.")
    }
    static func invalidScope(_ word: String) -> Self { bad(4080, "Invalid scope", "The scope `\(word)` is invalid.") }
    static func invalidURL(_ value: String) -> Self { bad(4090, "Invalid URL", "The parameter `\(value)` is invalid.") }
    static func missingParameter(_ name: String) -> Self {
        bad(4140, "Missing required parameter", "The parameter `\(name)` is required.")
    }
    static func metadataCapacity() -> Self {
        bad(4100, "Metadata capacity exceeded", "metadata may hold at most 5 entries.")
    }
    static func metadataKeyLength() -> Self {
        bad(4120, "Metadata key length exceeded", "A metadata key may have at most 100 characters.")
    }
    static func metadataValueLength() -> Self {
        bad(4130, "Metadata value length exceeded", "A metadata value may have at most 500 characters.")
    }
    static func invalidCurrency(_ currency: Currency, merchantSerialNumber: String) -> Self {
        bad(
            5040, "Invalid currency for merchant",
            "The currency \(currency.rawValue) is not valid for MSN \(merchantSerialNumber).")
    }
    static func pushMessageNotAllowed(merchantSerialNumber: String) -> Self {
        bad(5080, "PUSH_MESSAGE not allowed", "MSN \(merchantSerialNumber) may not use userFlow PUSH_MESSAGE.")
    }
    static func amountTooSmall(_ currency: Currency) -> Self {
        bad(6010, "Amount too small", "For \(currency.rawValue) the minimum is \(currency.minimumAmount).")
    }
    static func expiresTooLate() -> Self {
        bad(6110, "Expiration date is too late", "expiresAt must be less than 60 days in the future.")
    }
    static func expiresTooSoon() -> Self {
        bad(6120, "Expiration date is too soon", "expiresAt must be more than 10 minutes in the future.")
    }
    static func receiptRequired() -> Self {
        bad(6130, "Long living payments require a receipt", "A payment with expiresAt must have a receipt.")
    }
    static func orderProcessing() -> Self {
        conflict(6160, "Order processing", "Order locked and is already processing")
    }
    static func idempotencyKeyExists(_ key: String) -> Self {
        conflict(4020, "Idempotency error", "Idempotency-Key `\(key)` already exists.")
    }
    static func referenceExists(_ reference: String) -> Self {
        conflict(4150, "Idempotency error", "Reference `\(reference)` already exists.")
    }

    // Every call on one payment.
    static func referenceNotFound(_ reference: String, merchantSerialNumber: String) -> Self {
        EPaymentProblem(
            status: .notFound, code: 5090, title: "Reference not found",
            detail: "The reference `\(reference)` does not exist for MSN \(merchantSerialNumber)")
    }

    // Capture.
    static func captureConflict() -> Self {
        conflict(
            4010, "Capture idempotency conflict",
            "The capture request in an idempotent retry must be identical to the previous request(s).")
    }
    static func captureBeforeReservation() -> Self {
        bad(
            6080, "Cannot capture before reservation",
            "The amount you tried to capture is not reserved. The user must accept the payment before capture can be done."
        )
    }
    static func captureOfCancelled() -> Self {
        bad(6070, "Cannot capture a cancelled payment", "The payment is cancelled.")
    }
    static func captureTooHigh(requested: Int, remaining: Int) -> Self {
        bad(
            6090, "Capture amount too high",
            "Tried to capture \(requested), but only \(remaining) remains to be captured.")
    }
    static func alreadyCaptured() -> Self { bad(6170, "Payment already captured", "The whole amount is captured.") }
    static func cannotCapture(_ state: EPaymentState) -> Self {
        bad(6200, "Payment cannot be captured", "Invalid state: \(state.rawValue).")
    }
    static func capturePeriodExpired() -> Self {
        bad(6100, "Capture period expired", "Payments can only be captured up to 180 days after reservation.")
    }

    // Refund.
    static func refundConflict() -> Self {
        conflict(
            4150, "Refund idempotency conflict",
            "The request in an idempotent retry must be identical to the previous request(s).")
    }
    static func refundBeforeReservation() -> Self {
        bad(6020, "Attempted refund before reservation", "The payment is not reserved; cancel it instead.")
    }
    static func notEnoughRefundable(requested: Int, refundable: Int) -> Self {
        bad(
            6150, "Not enough refundable",
            "Tried to refund \(requested), but only \(refundable) is captured and not refunded.")
    }
    static func alreadyRefunded() -> Self { bad(6180, "Payment already refunded", "Everything captured is refunded.") }
    static func cannotRefund(_ state: EPaymentState) -> Self {
        bad(6210, "Payment cannot be refunded", "Invalid state: \(state.rawValue).")
    }
    static func refundPeriodExpired() -> Self {
        bad(6220, "Refund period expired", "Refunds can only be made within 365 days of the reservation.")
    }

    // Cancel.
    static func cancelConflict(_ key: String) -> Self { idempotencyKeyExists(key) }
    static func cancelOfCaptured() -> Self {
        bad(6040, "Cannot cancel a captured payment", "The whole amount is captured; refund instead.")
    }
    static func cancelOfNonReserved(_ state: EPaymentState) -> Self {
        bad(6050, "Cannot cancel a non-reserved payment", "Invalid state: \(state.rawValue).")
    }
    static func cancelOfAuthorized() -> Self {
        bad(
            6060, "Cannot cancel authorized payment",
            "This payment is authorized and cannot be cancelled when `CancelTransactionOnly` is set")
    }
    static func cannotCancel(_ reason: String) -> Self {
        bad(6190, "Payment cannot be cancelled", "Invalid state: \(reason).")
    }
    static func cancelPeriodExpired() -> Self {
        bad(6030, "Cancel period expired", "A payment can only be cancelled up to 180 days after reservation.")
    }

    // Force approve.
    static func alreadyReserved() -> Self {
        bad(6230, "Payment is already reserved", "The payment is already authorized.")
    }
    static func approveFailed(_ reason: String) -> Self {
        bad(10010, "Approve failed", "Force approve payment failed. Reason: \(reason)")
    }
}
