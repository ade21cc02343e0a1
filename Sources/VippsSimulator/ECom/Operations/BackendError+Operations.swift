import Hummingbird

/// The refusals of capture, cancel and refund (docs/ecom-v2.md#allowed-operations, texts of
/// docs/ecom-v2.md#error-codes), all HTTP 400 as in the simulator's default mapping of docs/ecom-v2.md#http-statuses.
/// The messages name the amounts, which Vipps' texts do not, so that a shop's developer sees at once why.
extension BackendError {
    /// Capture before the user approved (Payment 62).
    static func notReserved(_ orderId: String) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .payment,
            code: "62",
            message: "The amount you tried to capture is not reserved. The user must accept the payment before capture "
                + "can be done (orderId '\(orderId)')."
        )
    }

    /// More than remains to capture, or nothing remains (Payment 61).
    static func captureExceedsReserved(requested: Int, remaining: Int) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .payment,
            code: "61",
            message:
                "The total capture amount exceeds the reserved amount: \(requested) requested, \(remaining) remaining to capture."
        )
    }

    /// Refund of a reserved (or still initiated) order with nothing captured (Payment 72).
    static func refundOfReserved(_ orderId: String) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .payment,
            code: "72",
            message: "Cannot refund a reserved order. The orderId '\(orderId)' can be canceled instead."
        )
    }

    /// Refund of a cancelled or voided order (Payment 73).
    static func refundOfCancelled(_ orderId: String) -> BackendError {
        BackendError(
            status: .badRequest, group: .payment, code: "73", message: "Cannot refund a canceled order ('\(orderId)').")
    }

    /// More than was captured and not yet refunded (Payment 71).
    static func refundExceedsCaptured(requested: Int, refundable: Int) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .payment,
            code: "71",
            message:
                "Cannot refund a higher amount than the captured amount: \(requested) requested, \(refundable) remaining to refund."
        )
    }

    /// Cancel after a capture, without (or with nothing left for) `shouldReleaseRemainingFunds` (Payment 51).
    static func cancelAfterCapture(_ orderId: String) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .payment,
            code: "51",
            message:
                "Cannot cancel an orderId that has already been captured ('\(orderId)'). Refund it instead, or send "
                + "shouldReleaseRemainingFunds: true to release what remains to capture."
        )
    }

    /// An `X-Request-Id` reused with another request (VippsError 93).
    static func idempotencyMismatch(_ operation: TransactionOperation, requestId: String) -> BackendError {
        let name = operation == .refund ? "refund" : "capture"
        return BackendError(
            status: .badRequest,
            group: .vippsError,
            code: "93",
            message:
                "The \(name) request must be identical to the previous request(s) in an idempotent retry: X-Request-Id "
                + "'\(requestId)' was used before with another amount or transactionText."
        )
    }

    /// A fault injected through the control API: what Vipps answers when something broke inside (VippsError 99).
    static func injectedInternalError(status: HTTPResponse.Status) -> BackendError {
        BackendError(status: status, group: .vippsError, code: "99", message: "Internal error.")
    }
}

/// The time limits of docs/ecom-v2.md#allowed-operations, with the guide's values where the changelog disagrees
/// (docs/ecom-v2.md#time-limits): capture 180 days, refund 365 days and cancel 180 days, all counted from the
/// reservation.
extension BackendError {
    static func captureTooLate(days: Int) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .payment,
            code: "98",
            message: "Payments can only be captured up to \(days) days after reservation."
        )
    }

    static func refundTooLate(days: Int) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .payment,
            code: "95",
            message: "Payments can only be refunded up to \(days) days after reservation."
        )
    }

    /// No code is documented for a cancel after 180 days ("400, details in the body"); 52, "Cancellation
    /// failed", is the cancel code whose text fits.
    static func cancelTooLate(days: Int) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .payment,
            code: "52",
            message: "Cancellation failed: reservations can only be cancelled up to \(days) days after reservation."
        )
    }
}
