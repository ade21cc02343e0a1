import VippsHTTP

extension VippsClient {
    /// Blocks until the customer has acted on a payment (approved, refused, cancelled, timed out)
    /// or `timeoutMilliseconds` pass, polling details as Vipps asks: first after
    /// `pollInitialDelayMilliseconds` (5 s), then every `pollIntervalMilliseconds` (2 s).
    /// Transient failures of single polls do not end the wait; a final "not found" or
    /// "authentication" does. On time-out the error is `.timeout`.
    ///
    /// One deadline bounds everything, polls included. A wait that ends before the next poll is
    /// due polls once shortly before its end instead, so that waiting in short slices sees what
    /// one long wait would.
    public func waitForUserOutcome(orderId: String, timeoutMilliseconds: Int64) throws(VippsError) -> PaymentDetails {
        if api == .ePayment { try EPaymentValidation.reference(orderId) } else { try Validation.orderId(orderId) }
        guard timeoutMilliseconds > 0, timeoutMilliseconds <= 3_600_000 else {
            throw .invalidArgument("timeout_ms", "must be 1 to 3600000")
        }
        let started = MonotonicInstant.now()
        let deadline = started.adding(milliseconds: timeoutMilliseconds)
        // Time left for the last poll's own exchange.
        let lastPoll = started.adding(milliseconds: timeoutMilliseconds - min(500, timeoutMilliseconds / 4))
        var nextPoll = started.adding(milliseconds: configuration.pollInitialDelayMilliseconds)
        var polls = 0
        while true {
            let isLast = !(nextPoll < lastPoll)
            let pollAt = isLast ? lastPoll : nextPoll
            sleepMilliseconds(MonotonicInstant.now().milliseconds(until: pollAt))
            polls += 1
            do {
                if let details = try pollOnce(orderId: orderId, deadline: deadline) { return details }
            } catch  where error.isRetryable {
                log(.warning, "wait \(orderId): poll failed, polling on: \(error.message)")
            }
            guard !isLast, MonotonicInstant.now() < lastPoll else {
                throw VippsError(
                    .timeout,
                    "wait \(orderId): the customer had not acted after \(timeoutMilliseconds) ms "
                        + "(\(polls) polls); poll again or wait for the callback", isRetryable: true)
            }
            nextPoll = MonotonicInstant.now().adding(milliseconds: configuration.pollIntervalMilliseconds)
        }
    }

    /// One poll: the details once the customer has acted, else nil. On ePayment the state and the
    /// amounts come from the payment alone, so a poll is one GET and the event log is read once,
    /// when the wait ends.
    private func pollOnce(orderId: String, deadline: MonotonicInstant) throws(VippsError) -> PaymentDetails? {
        if api == .ePayment {
            let payment = try ePaymentPayment(reference: orderId, deadline: deadline)
            guard payment.state.isUserOutcomeFinal else { return nil }
            return try ePaymentDetails(payment: payment, deadline: deadline)
        }
        let details = try paymentDetails(orderId: orderId, deadline: deadline)
        return details.state.isUserOutcomeFinal ? details : nil
    }
}
