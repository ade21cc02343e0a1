import CVipps
import VippsCore

/// A `vipps_payment`: a details snapshot with C copies of every string it hands out.
final class PaymentHandle {
    struct CLogEntry {
        let entry: PaymentDetails.LogEntry
        let operation: CStringRef
        let transactionId: CStringRef
        let transactionText: CStringRef
        let timestamp: CStringRef
        let requestId: CStringRef
    }

    let details: PaymentDetails
    /// Owns every string below.
    private let strings: CStringTable
    let orderId: CStringRef
    let json: CStringRef
    let log: [CLogEntry]
    /// The express strings in the order of `expressTexts`, NULL where Vipps sent none.
    let express: [CStringRef]
    let ePayment: EPaymentStrings
    /// NULL when Vipps sent no sub.
    let sub: CStringRef

    private static func expressTexts(_ express: ExpressDetails) -> [String?] {
        [
            express.shippingMethodId, express.shippingMethod, express.address?.line1, express.address?.line2,
            express.address?.city, express.address?.postCode, express.address?.country, express.firstName,
            express.lastName, express.email, express.phoneNumber, express.userId,
        ]
    }

    init(_ details: PaymentDetails) {
        self.details = details
        ePayment = EPaymentStrings(details)
        var texts = [details.orderId, details.json]
        let optional = Self.expressTexts(details.express)
        texts.reserveCapacity(3 + 5 * details.log.count + optional.count)
        for entry in details.log {
            texts += [entry.operation, entry.transactionId, entry.transactionText, entry.timestamp, entry.requestId]
        }
        let expressStart = texts.count
        texts += optional.map { $0 ?? "" }
        texts.append(details.sub ?? "")
        let strings = CStringTable(texts)
        self.strings = strings
        orderId = strings.string(0)
        json = strings.string(1)
        log = details.log.enumerated().map { index, entry in
            let first = 2 + 5 * index
            return CLogEntry(
                entry: entry, operation: strings.string(first), transactionId: strings.string(first + 1),
                transactionText: strings.string(first + 2), timestamp: strings.string(first + 3),
                requestId: strings.string(first + 4))
        }
        express = optional.enumerated().map { index, text in
            text == nil ? CStringRef(unsafePointer: nil) : strings.string(expressStart + index)
        }
        sub = details.sub == nil ? CStringRef(unsafePointer: nil) : strings.string(texts.count - 1)
    }

    /// An express string by its place in `expressTexts`.
    func expressString(_ index: Int) -> UnsafePointer<CChar>? {
        index >= 0 && index < express.count ? express[index].unsafePointer : nil
    }

    /// The log entry at a C index, or nil when out of range.
    func entry(_ index: Int) -> CLogEntry? {
        index >= 0 && index < log.count ? log[index] : nil
    }
}

private func paymentHandle(_ pointer: OpaquePointer?) -> PaymentHandle? {
    Handles.lookup(pointer, PaymentHandle.self, kind: .payment)
}

@c @implementation
public func vipps_state_string(_ state: vipps_state) -> UnsafePointer<CChar>? {
    switch PaymentState(rawValue: state) ?? .unknown {
    case .unknown: return staticCString("unknown\0")
    case .initiated: return staticCString("initiated\0")
    case .reserved: return staticCString("reserved\0")
    case .partiallyCaptured: return staticCString("partially_captured\0")
    case .captured: return staticCString("captured\0")
    case .partiallyRefunded: return staticCString("partially_refunded\0")
    case .refunded: return staticCString("refunded\0")
    case .cancelled: return staticCString("cancelled\0")
    case .voided: return staticCString("voided\0")
    case .failed: return staticCString("failed\0")
    case .expired: return staticCString("expired\0")
    }
}

@c @implementation
public func vipps_payment_get_details(
    _ client: OpaquePointer?, _ orderId: UnsafePointer<CChar>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        let details = try client.paymentDetails(orderId: try CInput.string(orderId, "order_id"))
        out.pointee = Handles.export(PaymentHandle(details), as: .payment)
    }
}

@c @implementation
public func vipps_payment_force_approve(
    _ client: OpaquePointer?, _ orderId: UnsafePointer<CChar>?,
    _ phoneNumber: UnsafePointer<CChar>?,
    _ landingToken: UnsafePointer<CChar>?
) -> vipps_status {
    clientCall(client) { (client) throws(VippsError) in
        try client.forceApprove(
            orderId: try CInput.string(orderId, "order_id"),
            phoneNumber: try CInput.optionalString(phoneNumber, "phone_number"),
            landingToken: try CInput.string(landingToken, "landing_token"))
    }
}

@c @implementation
public func vipps_payment_order_id(_ payment: OpaquePointer?) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.orderId.unsafePointer
}

@c @implementation
public func vipps_payment_state(_ payment: OpaquePointer?) -> vipps_state {
    paymentHandle(payment)?.details.state.rawValue ?? PaymentState.unknown.rawValue
}

@c @implementation
public func vipps_payment_amount(_ payment: OpaquePointer?) -> Int64 {
    paymentHandle(payment)?.details.amount ?? 0
}

@c @implementation
public func vipps_payment_captured_amount(_ payment: OpaquePointer?) -> Int64 {
    paymentHandle(payment)?.details.capturedAmount ?? 0
}

@c @implementation
public func vipps_payment_refunded_amount(_ payment: OpaquePointer?) -> Int64 {
    paymentHandle(payment)?.details.refundedAmount ?? 0
}

@c @implementation
public func vipps_payment_remaining_to_capture(_ payment: OpaquePointer?) -> Int64 {
    paymentHandle(payment)?.details.remainingToCapture ?? 0
}

@c @implementation
public func vipps_payment_remaining_to_refund(_ payment: OpaquePointer?) -> Int64 {
    paymentHandle(payment)?.details.remainingToRefund ?? 0
}

@c @implementation
public func vipps_payment_sub(_ payment: OpaquePointer?) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.sub.unsafePointer
}

@c @implementation
public func vipps_payment_json(_ payment: OpaquePointer?) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.json.unsafePointer
}

@c @implementation
public func vipps_payment_read(_ payment: OpaquePointer?, _ info: UnsafeMutablePointer<vipps_payment_info>?)
    -> vipps_status
{
    abiCall { () throws(VippsError) in
        guard let handle = paymentHandle(payment) else {
            throw .invalidArgument("payment", payment == nil ? "must not be NULL" : "is not a live vipps_payment")
        }
        guard let info else { throw .invalidArgument("info", "must not be NULL") }
        // Only the leading size_t is read before the size is known to cover the rest. When fields
        // are added, the minimum stays the size of the struct as first released.
        let callerSize = info.pointee.size
        let ownSize = MemoryLayout<vipps_payment_info>.size
        guard callerSize >= ownSize else {
            throw .invalidArgument("info", "info->size must be set to sizeof(vipps_payment_info)")
        }
        let details = handle.details
        var filled = vipps_payment_info()
        filled.size = callerSize
        filled.order_id = handle.orderId.unsafePointer
        filled.state = details.state.rawValue
        filled.amount = details.amount
        filled.captured_amount = details.capturedAmount
        filled.refunded_amount = details.refundedAmount
        filled.remaining_to_capture = details.remainingToCapture
        filled.remaining_to_refund = details.remainingToRefund
        filled.is_express = details.express.hasShipping ? 1 : 0
        filled.shipping_method_id = handle.expressString(0)
        filled.shipping_method = handle.expressString(1)
        filled.shipping_cost = details.express.shippingCostInOre
        filled.address_line1 = handle.expressString(2)
        filled.address_line2 = handle.expressString(3)
        filled.city = handle.expressString(4)
        filled.post_code = handle.expressString(5)
        filled.country = handle.expressString(6)
        filled.first_name = handle.expressString(7)
        filled.last_name = handle.expressString(8)
        filled.email = handle.expressString(9)
        filled.phone_number = handle.expressString(10)
        filled.user_id = handle.expressString(11)
        // A caller with a newer header gets the fields this library knows; the rest stay as set.
        info.pointee = filled
    }
}

@c @implementation
public func vipps_payment_log_count(_ payment: OpaquePointer?) -> Int {
    paymentHandle(payment)?.log.count ?? 0
}

@c @implementation
public func vipps_payment_log_operation(_ payment: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.entry(index)?.operation.unsafePointer
}

@c @implementation
public func vipps_payment_log_amount(_ payment: OpaquePointer?, _ index: Int) -> Int64 {
    paymentHandle(payment)?.entry(index)?.entry.amount ?? 0
}

@c @implementation
public func vipps_payment_log_success(_ payment: OpaquePointer?, _ index: Int) -> Int32 {
    paymentHandle(payment)?.entry(index)?.entry.success == true ? 1 : 0
}

@c @implementation
public func vipps_payment_log_transaction_id(_ payment: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.entry(index)?.transactionId.unsafePointer
}

@c @implementation
public func vipps_payment_log_transaction_text(_ payment: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.entry(index)?.transactionText.unsafePointer
}

@c @implementation
public func vipps_payment_log_timestamp(_ payment: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.entry(index)?.timestamp.unsafePointer
}

@c @implementation
public func vipps_payment_log_request_id(_ payment: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.entry(index)?.requestId.unsafePointer
}

@c @implementation
public func vipps_payment_free(_ payment: OpaquePointer?) {
    Handles.release(payment, kind: .payment)
}

/// ePayment's own values of a payment snapshot, as C strings; empty on eCom.
final class EPaymentStrings {
    struct Event {
        let event: EPaymentEvent
        let name: OwnedCString
        let idempotencyKey: OwnedCString
        let timestamp: OwnedCString
    }

    let currency: OwnedCString
    let events: [Event]

    init(_ details: PaymentDetails) {
        currency = OwnedCString(details.ePayment?.currency ?? "NOK")
        events = details.events.map {
            Event(
                event: $0, name: OwnedCString($0.name), idempotencyKey: OwnedCString($0.idempotencyKey),
                timestamp: OwnedCString($0.timestamp))
        }
    }

    func event(_ index: Int) -> Event? { index >= 0 && index < events.count ? events[index] : nil }
}

@c @implementation
public func vipps_payment_currency(_ payment: OpaquePointer?) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.ePayment.currency.unsafePointer
}

@c @implementation
public func vipps_payment_cancelled_amount(_ payment: OpaquePointer?) -> Int64 {
    paymentHandle(payment)?.details.ePayment?.cancelledAmount ?? 0
}

@c @implementation
public func vipps_payment_event_count(_ payment: OpaquePointer?) -> Int {
    paymentHandle(payment)?.ePayment.events.count ?? 0
}

@c @implementation
public func vipps_payment_event_name(_ payment: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.ePayment.event(index)?.name.unsafePointer
}

@c @implementation
public func vipps_payment_event_amount(_ payment: OpaquePointer?, _ index: Int) -> Int64 {
    paymentHandle(payment)?.ePayment.event(index)?.event.amount ?? 0
}

@c @implementation
public func vipps_payment_event_success(_ payment: OpaquePointer?, _ index: Int) -> Int32 {
    paymentHandle(payment)?.ePayment.event(index)?.event.success == true ? 1 : 0
}

@c @implementation
public func vipps_payment_event_idempotency_key(_ payment: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.ePayment.event(index)?.idempotencyKey.unsafePointer
}

@c @implementation
public func vipps_payment_event_timestamp(_ payment: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    paymentHandle(payment)?.ePayment.event(index)?.timestamp.unsafePointer
}
