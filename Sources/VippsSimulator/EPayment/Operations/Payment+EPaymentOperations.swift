import Foundation

/// ePayment's capture, refund, cancel and force approve, judged on the aggregate and written as
/// the same log lines eCom writes (CAPTURE, REFUND, VOID, CANCEL, RESERVE), with the Idempotency-Key
/// as the line's request id, so that eCom's `/details` shows them too.
extension Payment {
    /// A successful request with this key and body answers with the payment as it is now; the same
    /// key with another body is `conflict`. Refused requests are not remembered.
    func isRetry(_ key: EPaymentRequestKey, body: String, conflict: EPaymentProblem) throws(EPaymentProblem) -> Bool {
        guard let previous = ePaymentRequests[key] else { return false }
        guard previous == body else { throw conflict }
        return true
    }

    private func isReservation(olderThan days: Int, at date: Date) -> Bool {
        guard
            let reserved = log.first(where: {
                $0.operationSuccess && ($0.operation == .reserve || $0.operation == .sale)
            })
        else {
            return false
        }
        return date.timeIntervalSince(reserved.timeStamp) > TimeInterval(days) * 86_400
    }

    mutating func ePaymentCapture(_ amount: Int, key: String, body: String, at date: Date, transactionId: () -> String)
        throws(EPaymentProblem)
    {
        let requestKey = EPaymentRequestKey(operation: .capture, idempotencyKey: key)
        if try isRetry(requestKey, body: body, conflict: .captureConflict()) { return }
        switch ePaymentState {
        case .created: throw .captureBeforeReservation()
        case .aborted, .expired, .terminated: throw .cannotCapture(ePaymentState)
        case .authorized: break
        }
        let aggregate = aggregate
        guard aggregate.cancelled == 0 else { throw .captureOfCancelled() }
        guard aggregate.captured < aggregate.authorized else { throw .alreadyCaptured() }
        guard amount <= aggregate.remainingToCapture else {
            throw .captureTooHigh(requested: amount, remaining: aggregate.remainingToCapture)
        }
        guard !isReservation(olderThan: Self.captureDays, at: date) else { throw .capturePeriodExpired() }
        appendLine(.capture, amount: amount, key: key, at: date, transactionId: transactionId())
        remember(ePaymentRequest: body, under: requestKey)
    }

    mutating func ePaymentRefund(_ amount: Int, key: String, body: String, at date: Date, transactionId: () -> String)
        throws(EPaymentProblem)
    {
        let requestKey = EPaymentRequestKey(operation: .refund, idempotencyKey: key)
        if try isRetry(requestKey, body: body, conflict: .refundConflict()) { return }
        switch ePaymentState {
        case .created: throw .refundBeforeReservation()
        case .aborted, .expired, .terminated: throw .cannotRefund(ePaymentState)
        case .authorized: break
        }
        let aggregate = aggregate
        if aggregate.captured > 0, aggregate.remainingToRefund == 0 { throw .alreadyRefunded() }
        guard amount <= aggregate.remainingToRefund else {
            throw .notEnoughRefundable(requested: amount, refundable: aggregate.remainingToRefund)
        }
        guard !isReservation(olderThan: Self.refundDays, at: date) else { throw .refundPeriodExpired() }
        appendLine(.refund, amount: amount, key: key, at: date, transactionId: transactionId())
        remember(ePaymentRequest: body, under: requestKey)
    }

    /// Before approval: TERMINATED (a CANCEL line). After it: the rest not captured is released (a
    /// VOID line of that amount) and the state stays AUTHORIZED; `transactionOnly` refuses that.
    mutating func ePaymentCancel(
        transactionOnly: Bool, key: String, body: String, at date: Date, transactionId: () -> String
    ) throws(EPaymentProblem) {
        let requestKey = EPaymentRequestKey(operation: .cancel, idempotencyKey: key)
        if try isRetry(requestKey, body: body, conflict: .cancelConflict(key)) { return }
        switch ePaymentState {
        case .created:
            appendLine(.cancel, amount: initiation.amount, key: key, at: date, transactionId: transactionId())
        case .aborted, .expired: throw .cancelOfNonReserved(ePaymentState)
        case .terminated: throw .cannotCancel("the payment is already terminated")
        case .authorized:
            guard !transactionOnly else { throw .cancelOfAuthorized() }
            let aggregate = aggregate
            guard aggregate.captured < aggregate.authorized else { throw .cancelOfCaptured() }
            guard aggregate.remainingToCapture > 0 else { throw .cannotCancel("nothing remains to be cancelled") }
            guard !isReservation(olderThan: Self.cancelDays, at: date) else { throw .cancelPeriodExpired() }
            appendLine(.void, amount: aggregate.remainingToCapture, key: key, at: date, transactionId: transactionId())
        }
        remember(ePaymentRequest: body, under: requestKey)
    }

    private mutating func appendLine(
        _ operation: TransactionOperation, amount: Int, key: String, at date: Date, transactionId: String
    ) {
        append(
            TransactionLogEntry(
                operation: operation,
                amount: amount,
                transactionText: initiation.transactionText,
                transactionId: transactionId,
                timeStamp: date,
                requestId: key,
                operationSuccess: true
            )
        )
    }
}
