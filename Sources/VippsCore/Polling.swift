import VippsHTTP

extension VippsClient {
    /// Blocks until the customer has acted on a payment (approved, refused, cancelled, timed out)
    /// or `timeoutMilliseconds` pass, polling details as Vipps asks: first after
    /// `pollInitialDelayMilliseconds` (5 s), then every `pollIntervalMilliseconds` (2 s).
    /// Transient failures of single polls do not end the wait; a final "not found" or
    /// "authentication" does. On time-out the error is `.timeout`.
    public func waitForUserOutcome(orderId: String, timeoutMilliseconds: Int64) throws(VippsError) -> PaymentDetails {
        try Validation.orderId(orderId)
        guard timeoutMilliseconds > 0, timeoutMilliseconds <= 3_600_000 else {
            throw .invalidArgument("timeout_ms", "must be 1 to 3600000")
        }
        let deadline = MonotonicInstant.now().adding(milliseconds: timeoutMilliseconds)
        var pause = configuration.pollInitialDelayMilliseconds
        var polls = 0
        while true {
            let remaining = MonotonicInstant.now().milliseconds(until: deadline)
            guard pause < remaining else {
                throw VippsError(.timeout, "wait \(orderId): the customer had not acted after \(timeoutMilliseconds) ms "
                                 + "(\(polls) polls); poll again or wait for the callback", isRetryable: true)
            }
            sleepMilliseconds(pause)
            pause = configuration.pollIntervalMilliseconds
            polls += 1
            do {
                let details = try paymentDetails(orderId: orderId)
                if details.state.isUserOutcomeFinal { return details }
            } catch where error.isRetryable {
                log(.warning, "wait \(orderId): poll failed, polling on: \(error.message)")
            }
        }
    }
}
