import Foundation

extension PaymentStore {
    /// Capture. The idempotency check and the capture happen under the one lock, so concurrent
    /// identical requests capture once and concurrent different ones never capture more than reserved.
    func capture(orderId: String, _ action: PaymentAction) throws(BackendError) -> OperationOutcome {
        try update(orderId: orderId, merchantSerialNumber: action.merchantSerialNumber) {
            payment, now, newId throws(BackendError) in
            try payment.capture(action, at: now, newTransactionId: newId)
        }
    }

    /// Refund, under the lock like capture.
    func refund(orderId: String, _ action: PaymentAction) throws(BackendError) -> OperationOutcome {
        try update(orderId: orderId, merchantSerialNumber: action.merchantSerialNumber) {
            payment, now, newId throws(BackendError) in
            try payment.refund(action, at: now, newTransactionId: newId)
        }
    }

    func cancel(orderId: String, _ action: CancelAction) throws(BackendError) -> OperationOutcome {
        try update(orderId: orderId, merchantSerialNumber: action.merchantSerialNumber) {
            payment, now, newId throws(BackendError) in
            try payment.cancel(action, at: now, newTransactionId: newId)
        }
    }

    /// Finds the payment for an operation in the body's sales unit, lets `operation` change it, and
    /// stores it — all under the lock. A body MSN that is not configured is refused as at initiate.
    private func update(
        orderId: String,
        merchantSerialNumber: String,
        _ operation: (inout Payment, Date, () -> String) throws(BackendError) -> OperationOutcome
    ) throws(BackendError) -> OperationOutcome {
        try change { state throws(BackendError) in
            // Read under the lock, so that the log's timestamps run in the order of its lines even when
            // requests race.
            let now = clock.now()
            guard state.merchants[merchantSerialNumber] != nil else {
                throw .invalidMerchantSerialNumber(merchantSerialNumber)
            }
            let found = try findECom(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            let outcome = try state.transactionIds.takingIfSucceeds { offer throws(BackendError) in
                try operation(&payment, now, { offer.take() })
            }
            state.payments[found.key] = payment
            return outcome
        }
    }
}
