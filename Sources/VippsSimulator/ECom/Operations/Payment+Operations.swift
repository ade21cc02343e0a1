import Foundation

/// The merchant's operations on a reserved payment — capture, refund, cancel — and the user's
/// rejection, with the rules of docs/ecom-v2.md#allowed-operations and the amounts of docs/ecom-v2.md#amounts.
///
/// Every rule reads the log, like the summary does, so the two can never disagree. Where the table of
/// docs/ecom-v2.md#allowed-operations and the amounts could disagree (a refund followed by more captures), the amounts
/// win: an operation is allowed while `transactionSummary` says something remains for it. The table's
/// "refunded" row is written for refunds after a full capture, where both readings agree.
extension Payment {
    /// The amounts of docs/ecom-v2.md#amounts; all zero before the user reacted.
    var amounts: TransactionSummary {
        summary
            ?? TransactionSummary(
                capturedAmount: 0, remainingAmountToCapture: 0, refundedAmount: 0, remainingAmountToRefund: 0)
    }

    /// The user approved: a RESERVE or SALE line.
    var wasReserved: Bool {
        reservation != nil
    }

    /// Cancelled by the user or the merchant (CANCEL), voided (VOID), or — also a VOID — the rest of a
    /// partially captured reservation released.
    var wasCancelled: Bool {
        log.contains { $0.operationSuccess && ($0.operation == .cancel || $0.operation == .void) }
    }

    /// The amount the user approved (R of docs/ecom-v2.md#amounts); 0 before approval.
    var reservedAmount: Int {
        reservation?.amount ?? 0
    }

    /// The RESERVE or SALE line.
    private var reservation: TransactionLogEntry? {
        log.first { $0.operationSuccess && ($0.operation == .reserve || $0.operation == .sale) }
    }

    /// Days for the time limits (docs/ecom-v2.md#allowed-operations, guide values per docs/ecom-v2.md#time-limits).
    static let captureDays = 180
    static let refundDays = 365
    static let cancelDays = 180

    /// Whether more than `days` days have passed since the reservation (never before one).
    private func isReservation(olderThan days: Int, at date: Date) -> Bool {
        guard let reservation else { return false }
        return date.timeIntervalSince(reservation.timeStamp) > TimeInterval(days) * 86_400
    }

    /// Capture: `action.amount`, or everything remaining.
    mutating func capture(_ action: PaymentAction, at date: Date, newTransactionId: () -> String) throws(BackendError)
        -> OperationOutcome
    {
        if let replay = try replay(action, operation: .capture) { return replay }
        // 91 before 62: a payment the user cancelled was never reserved either, and "not allowed" is the
        // documented answer to a capture of a cancelled order (docs/ecom-v2.md#allowed-operations).
        guard !wasCancelled else {
            throw .transactionNotAllowed("Order '\(orderId)' is cancelled; it cannot be captured.")
        }
        guard wasReserved else { throw .notReserved(orderId) }
        // A fully captured order, and a direct-capture SALE, have nothing remaining: 61, as the table of
        // docs/ecom-v2.md#allowed-operations says. (docs/ecom-v2.md#idempotency guesses VippsError 92 "already
        // processed" for a new key on a fully captured order; the documented table wins over the guess.)
        let remaining = amounts.remainingAmountToCapture
        let amount = action.amount ?? remaining
        guard remaining > 0, amount <= remaining else {
            throw .captureExceedsReserved(requested: amount, remaining: remaining)
        }
        // Time limits last: a request that is wrong anyway gets the error that says how.
        guard !isReservation(olderThan: Self.captureDays, at: date) else {
            throw .captureTooLate(days: Self.captureDays)
        }
        return record(.capture, amount: amount, action: action, at: date, transactionId: newTransactionId())
    }

    /// Refund: `action.amount`, or everything captured and not yet refunded.
    mutating func refund(_ action: PaymentAction, at date: Date, newTransactionId: () -> String) throws(BackendError)
        -> OperationOutcome
    {
        if let replay = try replay(action, operation: .refund) { return replay }
        let amounts = amounts
        // Cancelled with nothing captured: 73. A released remainder after a partial capture is a VOID
        // too, but its captured part stays refundable (the example summary in docs/ecom-v2.md#cancel).
        if wasCancelled && amounts.capturedAmount == 0 { throw .refundOfCancelled(orderId) }
        // Nothing captured: 72 "cancel instead". The table only guesses a code for a still-initiated
        // order ("inferred 72/…"); 72's advice, cancel, is right for it too.
        guard amounts.capturedAmount > 0 else { throw .refundOfReserved(orderId) }
        let refundable = amounts.remainingAmountToRefund
        let amount = action.amount ?? refundable
        guard refundable > 0, amount <= refundable else {
            throw .refundExceedsCaptured(requested: amount, refundable: refundable)
        }
        guard !isReservation(olderThan: Self.refundDays, at: date) else { throw .refundTooLate(days: Self.refundDays) }
        return record(.refund, amount: amount, action: action, at: date, transactionId: newTransactionId())
    }

    /// Cancel: CANCEL before approval, VOID after it (docs/ecom-v2.md#payment-states), or the release of the remainder
    /// after a partial capture.
    mutating func cancel(_ action: CancelAction, at date: Date, newTransactionId: () -> String) throws(BackendError)
        -> OperationOutcome
    {
        // The table leaves a second cancel open ("inferred 52/91"). 91, "not allowed", says what it is;
        // 52 "Cancellation failed, reason unknown" would send a client looking for a fault.
        guard !wasCancelled else {
            throw .transactionNotAllowed("Order '\(orderId)' is already cancelled.")
        }
        let amounts = amounts
        let operation: TransactionOperation
        let amount: Int
        if !wasReserved {
            operation = .cancel
            amount = initiation.amount
        } else if amounts.capturedAmount == 0 {
            operation = .void
            amount = reservedAmount
        } else if action.shouldReleaseRemainingFunds && amounts.remainingAmountToCapture > 0 {
            // Releasing the remainder is the merchant cancelling (what is left of) a reservation, which
            // the log calls VOID (docs/ecom-v2.md#payment-states); the line's amount is what was released, and the
            // summary then keeps remainingAmountToCapture at 0 for good (docs/ecom-v2.md#amounts). Refunds of the
            // captured part stay possible.
            operation = .void
            amount = amounts.remainingAmountToCapture
        } else {
            // Captured in part without the opt-in, or nothing left to release (fully captured, SALE,
            // refunded): 51.
            throw .cancelAfterCapture(orderId)
        }
        guard !isReservation(olderThan: Self.cancelDays, at: date) else { throw .cancelTooLate(days: Self.cancelDays) }
        let entry = TransactionLogEntry(
            operation: operation,
            amount: amount,
            transactionText: action.transactionText,
            transactionId: newTransactionId(),
            timeStamp: date,
            requestId: action.requestId,
            operationSuccess: true
        )
        append(entry)
        return OperationOutcome(payment: self, entry: entry, isReplay: false)
    }

    /// The user rejects the payment in the app (a test hook): CANCEL, as the guide's diagram has it. The
    /// line keeps the payment's own transactionId, as the user's other line (RESERVE) does.
    mutating func reject(at date: Date) throws(BackendError) {
        guard isAwaitingUser else {
            throw .transactionNotAllowed("Order '\(orderId)' is not awaiting approval: its state is \(state.rawValue).")
        }
        append(
            TransactionLogEntry(
                operation: .cancel,
                amount: initiation.amount,
                transactionText: initiation.transactionText,
                transactionId: transactionId,
                timeStamp: date,
                requestId: "",
                operationSuccess: true
            )
        )
    }

    /// The earlier outcome when `action` retries a request with the same key; VippsError 93 when the key
    /// was used for another request. Only successful operations are remembered, so a retry of a refused
    /// request is judged afresh (a capture refused with 62 works once the user has approved).
    private func replay(_ action: PaymentAction, operation: TransactionOperation) throws(BackendError)
        -> OperationOutcome?
    {
        guard let previous = idempotentResults[IdempotencyKey(operation: operation, requestId: action.requestId)] else {
            return nil
        }
        guard previous.action.isSameRequest(as: action) else {
            throw .idempotencyMismatch(operation, requestId: action.requestId)
        }
        return OperationOutcome(payment: self, entry: previous.entry, isReplay: true)
    }

    private mutating func record(
        _ operation: TransactionOperation,
        amount: Int,
        action: PaymentAction,
        at date: Date,
        transactionId: String
    ) -> OperationOutcome {
        let entry = TransactionLogEntry(
            operation: operation,
            amount: amount,
            transactionText: action.transactionText,
            transactionId: transactionId,
            timeStamp: date,
            requestId: action.requestId,
            operationSuccess: true
        )
        append(entry)
        remember(
            IdempotentResult(action: action, entry: entry),
            under: IdempotencyKey(operation: operation, requestId: action.requestId))
        return OperationOutcome(payment: self, entry: entry, isReplay: false)
    }
}
