import CVipps
import VippsCore

/// A `vipps_transaction`: the answer to capture, refund, cancel or status, with C strings.
final class TransactionHandle {
    let transaction: PaymentTransaction
    let orderId: OwnedCString
    let status: OwnedCString
    let transactionId: OwnedCString
    let text: OwnedCString
    let timestamp: OwnedCString
    let requestId: OwnedCString
    let json: OwnedCString

    init(_ transaction: PaymentTransaction) {
        self.transaction = transaction
        orderId = OwnedCString(transaction.orderId)
        status = OwnedCString(transaction.status)
        transactionId = OwnedCString(transaction.transactionId)
        text = OwnedCString(transaction.transactionText)
        timestamp = OwnedCString(transaction.timestamp)
        requestId = OwnedCString(transaction.requestId)
        json = OwnedCString(transaction.json)
    }
}

private func export(_ transaction: PaymentTransaction, to out: UnsafeMutablePointer<OpaquePointer?>) {
    out.pointee = Handles.export(TransactionHandle(transaction), as: .transaction)
}

@c @implementation
public func vipps_payment_capture(
    _ client: OpaquePointer?, _ orderId: UnsafePointer<CChar>?, _ amount: Int64,
    _ text: UnsafePointer<CChar>?, _ idempotencyKey: UnsafePointer<CChar>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        export(
            try client.capture(
                orderId: try CInput.string(orderId, "order_id"), amount: amount,
                transactionText: try CInput.string(text, "transaction_text"),
                idempotencyKey: try CInput.optionalString(idempotencyKey, "idempotency_key")), to: out)
    }
}

@c @implementation
public func vipps_payment_refund(
    _ client: OpaquePointer?, _ orderId: UnsafePointer<CChar>?, _ amount: Int64,
    _ text: UnsafePointer<CChar>?, _ idempotencyKey: UnsafePointer<CChar>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        export(
            try client.refund(
                orderId: try CInput.string(orderId, "order_id"), amount: amount,
                transactionText: try CInput.string(text, "transaction_text"),
                idempotencyKey: try CInput.optionalString(idempotencyKey, "idempotency_key")), to: out)
    }
}

@c @implementation
public func vipps_payment_cancel(
    _ client: OpaquePointer?, _ orderId: UnsafePointer<CChar>?, _ text: UnsafePointer<CChar>?,
    _ releaseRemainingFunds: Int32, _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        export(
            try client.cancel(
                orderId: try CInput.string(orderId, "order_id"),
                transactionText: try CInput.string(text, "transaction_text"),
                releaseRemainingFunds: releaseRemainingFunds != 0), to: out)
    }
}

@c @implementation
public func vipps_payment_get_status(
    _ client: OpaquePointer?, _ orderId: UnsafePointer<CChar>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        export(try client.paymentStatus(orderId: try CInput.string(orderId, "order_id")), to: out)
    }
}

@c @implementation
public func vipps_payment_wait(
    _ client: OpaquePointer?, _ orderId: UnsafePointer<CChar>?, _ timeoutMilliseconds: Int64,
    _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        let details = try client.waitForUserOutcome(
            orderId: try CInput.string(orderId, "order_id"),
            timeoutMilliseconds: timeoutMilliseconds)
        out.pointee = Handles.export(PaymentHandle(details), as: .payment)
    }
}

@c @implementation
public func vipps_payment_check_capture(_ payment: OpaquePointer?, _ amount: Int64) -> vipps_status {
    abiCall { () throws(VippsError) in
        guard let handle = Handles.lookup(payment, PaymentHandle.self, kind: .payment) else {
            throw .invalidArgument("payment", payment == nil ? "must not be NULL" : "is not a live vipps_payment")
        }
        try handle.details.checkCapture(amount: amount)
    }
}

@c @implementation
public func vipps_check_capture_amount(_ state: vipps_state, _ remainingToCapture: Int64, _ amount: Int64)
    -> vipps_status
{
    abiCall { () throws(VippsError) in
        try PaymentDetails.checkCapture(
            amount: amount, state: PaymentState(rawValue: state) ?? .unknown, remainingToCapture: remainingToCapture)
    }
}

private func transaction(_ pointer: OpaquePointer?) -> TransactionHandle? {
    Handles.lookup(pointer, TransactionHandle.self, kind: .transaction)
}

@c @implementation
public func vipps_transaction_order_id(_ t: OpaquePointer?) -> UnsafePointer<CChar>? {
    transaction(t)?.orderId.unsafePointer
}

@c @implementation
public func vipps_transaction_status(_ t: OpaquePointer?) -> UnsafePointer<CChar>? {
    transaction(t)?.status.unsafePointer
}

@c @implementation
public func vipps_transaction_amount(_ t: OpaquePointer?) -> Int64 { transaction(t)?.transaction.amount ?? 0 }

@c @implementation
public func vipps_transaction_id(_ t: OpaquePointer?) -> UnsafePointer<CChar>? {
    transaction(t)?.transactionId.unsafePointer
}

@c @implementation
public func vipps_transaction_text(_ t: OpaquePointer?) -> UnsafePointer<CChar>? { transaction(t)?.text.unsafePointer }

@c @implementation
public func vipps_transaction_timestamp(_ t: OpaquePointer?) -> UnsafePointer<CChar>? {
    transaction(t)?.timestamp.unsafePointer
}

@c @implementation
public func vipps_transaction_captured_amount(_ t: OpaquePointer?) -> Int64 {
    transaction(t)?.transaction.capturedAmount ?? 0
}

@c @implementation
public func vipps_transaction_remaining_to_capture(_ t: OpaquePointer?) -> Int64 {
    transaction(t)?.transaction.remainingToCapture ?? 0
}

@c @implementation
public func vipps_transaction_refunded_amount(_ t: OpaquePointer?) -> Int64 {
    transaction(t)?.transaction.refundedAmount ?? 0
}

@c @implementation
public func vipps_transaction_remaining_to_refund(_ t: OpaquePointer?) -> Int64 {
    transaction(t)?.transaction.remainingToRefund ?? 0
}

@c @implementation
public func vipps_transaction_request_id(_ t: OpaquePointer?) -> UnsafePointer<CChar>? {
    transaction(t)?.requestId.unsafePointer
}

@c @implementation
public func vipps_transaction_json(_ t: OpaquePointer?) -> UnsafePointer<CChar>? { transaction(t)?.json.unsafePointer }

@c @implementation
public func vipps_transaction_free(_ t: OpaquePointer?) {
    Handles.release(t, kind: .transaction)
}
