import CVipps
import VippsCore

/// A payment's lists read in one call: a binding that pays per foreign call (ctypes) reads a
/// details snapshot in a handful of calls instead of seven per log entry.

/// Writes `count` entries made by `make` into the caller's array, `stride` bytes apart, copying
/// only the bytes of our struct (the caller's may be larger: a newer header).
private func writeEntries<Entry>(
    _ entries: UnsafeMutableRawPointer?, capacity: Int, stride: Int, total: Int, count: UnsafeMutablePointer<Int>?,
    _ make: (Int) -> Entry
) throws(VippsError) {
    guard let count else { throw .invalidArgument("count_out", "must not be NULL") }
    count.pointee = 0
    let ownSize = MemoryLayout<Entry>.size
    guard stride >= ownSize else {
        throw .invalidArgument("entry_size", "must be the sizeof of the entry struct of vipps.h")
    }
    let written = min(max(capacity, 0), total)
    if written > 0 {
        guard let entries else { throw .invalidArgument("entries", "must not be NULL when capacity is not 0") }
        let (span, overflow) = written.multipliedReportingOverflow(by: stride)
        guard !overflow, span > 0 else { throw .invalidArgument("capacity", "is too large for entry_size") }
        for index in 0..<written {
            var entry = make(index)
            withUnsafeBytes(of: &entry) { bytes in
                if let base = bytes.baseAddress {
                    entries.advanced(by: index * stride).copyMemory(from: base, byteCount: ownSize)
                }
            }
        }
    }
    count.pointee = total
}

private func livePayment(_ pointer: OpaquePointer?) throws(VippsError) -> PaymentHandle {
    guard let handle = Handles.lookup(pointer, PaymentHandle.self, kind: .payment) else {
        throw .invalidArgument("payment", pointer == nil ? "must not be NULL" : "is not a live vipps_payment")
    }
    return handle
}

@c @implementation
public func vipps_payment_log_read(
    _ payment: OpaquePointer?, _ entries: UnsafeMutablePointer<vipps_payment_log_entry>?, _ capacity: Int,
    _ entrySize: Int, _ countOut: UnsafeMutablePointer<Int>?
) -> vipps_status {
    countOut?.pointee = 0
    return abiCall { () throws(VippsError) in
        let handle = try livePayment(payment)
        let log = handle.log
        try writeEntries(
            UnsafeMutableRawPointer(entries), capacity: capacity, stride: entrySize, total: log.count, count: countOut
        ) { index in
            let entry = log[index]
            return vipps_payment_log_entry(
                operation: entry.operation.unsafePointer, amount: entry.entry.amount,
                success: entry.entry.success ? 1 : 0, transaction_id: entry.transactionId.unsafePointer,
                transaction_text: entry.transactionText.unsafePointer, timestamp: entry.timestamp.unsafePointer,
                request_id: entry.requestId.unsafePointer)
        }
    }
}

@c @implementation
public func vipps_payment_event_read(
    _ payment: OpaquePointer?, _ entries: UnsafeMutablePointer<vipps_payment_event_entry>?, _ capacity: Int,
    _ entrySize: Int, _ countOut: UnsafeMutablePointer<Int>?
) -> vipps_status {
    countOut?.pointee = 0
    return abiCall { () throws(VippsError) in
        let handle = try livePayment(payment)
        let events = handle.ePayment.events
        try writeEntries(
            UnsafeMutableRawPointer(entries), capacity: capacity, stride: entrySize, total: events.count,
            count: countOut
        ) { index in
            let event = events[index]
            return vipps_payment_event_entry(
                name: event.name.unsafePointer, amount: event.event.amount, success: event.event.success ? 1 : 0,
                idempotency_key: event.idempotencyKey.unsafePointer, timestamp: event.timestamp.unsafePointer)
        }
    }
}
