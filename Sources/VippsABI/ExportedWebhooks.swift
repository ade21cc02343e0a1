import CVipps
import Glibc
import VippsCore

// Webhooks (ePayment): verifying and reading what Vipps POSTs to the shop's registered URLs.

private func stringArray(
    _ pointer: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int, _ name: String
) throws(VippsError) -> [String] {
    guard count > 0 else { return [] }
    guard let pointer else { throw .invalidArgument(name, "must not be NULL when the count is not 0") }
    var strings: [String] = []
    strings.reserveCapacity(count)
    for index in 0..<count {
        strings.append(try CInput.string(pointer[index], "\(name)[\(index)]"))
    }
    return strings
}

private func bytes(_ body: UnsafeRawPointer?, _ length: Int, _ name: String) throws(VippsError) -> [UInt8] {
    guard length > 0 else { return [] }
    guard let body else { throw .invalidArgument(name, "must not be NULL when the length is not 0") }
    return Array(UnsafeRawBufferPointer(start: body, count: length))
}

private func verifyWebhook(
    _ method: UnsafePointer<CChar>?, _ registeredURL: UnsafePointer<CChar>?,
    _ headerNames: UnsafePointer<UnsafePointer<CChar>?>?, _ headerValues: UnsafePointer<UnsafePointer<CChar>?>?,
    _ headerCount: Int, _ body: UnsafeRawPointer?, _ bodyLength: Int,
    _ secrets: UnsafePointer<UnsafePointer<CChar>?>?, _ secretCount: Int, _ windowSeconds: Int64, _ now: Int64,
    _ refusalOut: UnsafeMutablePointer<vipps_webhook_refusal>?
) -> vipps_status {
    refusalOut?.pointee = WebhookRefusal.verified.rawValue
    return abiCall { () throws(VippsError) in
        guard let refusalOut else { throw .invalidArgument("refusal_out", "must not be NULL") }
        let methodText = try CInput.string(method, "method")
        let url = try CInput.string(registeredURL, "registered_url")
        let names = try stringArray(headerNames, headerCount, "header_names")
        let values = try stringArray(headerValues, headerCount, "header_values")
        let keys = try stringArray(secrets, secretCount, "secrets")
        let refusal = try Webhooks.verify(
            method: methodText, registeredURL: url,
            headers: zip(names, values).map { (name: $0.0, value: $0.1) },
            body: try bytes(body, bodyLength, "body"), secrets: keys, windowSeconds: windowSeconds, now: now)
        refusalOut.pointee = refusal.rawValue
        guard refusal == .verified else { throw VippsError(.authentication, refusal.explanation) }
    }
}

@c @implementation
public func vipps_webhook_verify(
    _ method: UnsafePointer<CChar>?, _ registeredURL: UnsafePointer<CChar>?,
    _ headerNames: UnsafePointer<UnsafePointer<CChar>?>?, _ headerValues: UnsafePointer<UnsafePointer<CChar>?>?,
    _ headerCount: Int, _ body: UnsafeRawPointer?, _ bodyLength: Int,
    _ secrets: UnsafePointer<UnsafePointer<CChar>?>?, _ secretCount: Int, _ windowSeconds: Int64,
    _ refusalOut: UnsafeMutablePointer<vipps_webhook_refusal>?
) -> vipps_status {
    verifyWebhook(
        method, registeredURL, headerNames, headerValues, headerCount, body, bodyLength, secrets, secretCount,
        windowSeconds, Int64(time(nil)), refusalOut)
}

@c @implementation
public func vipps_webhook_verify_at(
    _ method: UnsafePointer<CChar>?, _ registeredURL: UnsafePointer<CChar>?,
    _ headerNames: UnsafePointer<UnsafePointer<CChar>?>?, _ headerValues: UnsafePointer<UnsafePointer<CChar>?>?,
    _ headerCount: Int, _ body: UnsafeRawPointer?, _ bodyLength: Int,
    _ secrets: UnsafePointer<UnsafePointer<CChar>?>?, _ secretCount: Int, _ windowSeconds: Int64,
    _ now: Int64, _ refusalOut: UnsafeMutablePointer<vipps_webhook_refusal>?
) -> vipps_status {
    verifyWebhook(
        method, registeredURL, headerNames, headerValues, headerCount, body, bodyLength, secrets, secretCount,
        windowSeconds, now, refusalOut)
}

@c @implementation
public func vipps_webhook_refusal_string(_ refusal: vipps_webhook_refusal) -> UnsafePointer<CChar>? {
    switch WebhookRefusal(rawValue: refusal) {
    case .verified: return staticCString("verified\0")
    case .missingDate: return staticCString("missing_date_header\0")
    case .malformedDate: return staticCString("malformed_date_header\0")
    case .dateOutsideWindow: return staticCString("date_outside_window\0")
    case .missingContentHash: return staticCString("missing_content_hash_header\0")
    case .malformedContentHash: return staticCString("malformed_content_hash_header\0")
    case .contentHashMismatch: return staticCString("content_hash_mismatch\0")
    case .missingAuthorization: return staticCString("missing_authorization_header\0")
    case .malformedAuthorization: return staticCString("malformed_authorization_header\0")
    case .signatureMismatch: return staticCString("signature_mismatch\0")
    case .methodNotPost: return staticCString("method_not_post\0")
    case nil: return staticCString("unknown\0")
    }
}

/// A `vipps_webhook_event`, with its strings in one table.
final class WebhookEventHandle {
    let event: WebhookEvent
    private let table: CStringTable
    private let present: [Bool]

    enum Field: Int { case name, type, msn, reference, pspReference, currency, idempotencyKey, timestamp, json }

    init(_ event: WebhookEvent) {
        self.event = event
        let values: [String?] = [
            event.name, event.kind == .unknown ? nil : event.kind.eventType, event.msn, event.reference,
            event.pspReference, event.currency, event.idempotencyKey, event.timestamp, event.json,
        ]
        present = values.map { $0 != nil }
        table = CStringTable(values.map { $0 ?? "" })
    }

    func string(_ field: Field) -> UnsafePointer<CChar>? {
        present.indices.contains(field.rawValue) && present[field.rawValue]
            ? table.string(field.rawValue).unsafePointer : nil
    }
}

@c @implementation
public func vipps_webhook_event_parse(
    _ body: UnsafeRawPointer?, _ bodyLength: Int, _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let out = try clearOut(out)
        let event = try WebhookEvent.parse(try bytes(body, bodyLength, "body"))
        out.pointee = Handles.export(WebhookEventHandle(event), as: .webhookEvent)
    }
}

private func webhookEvent(_ pointer: OpaquePointer?) -> WebhookEventHandle? {
    Handles.lookup(pointer, WebhookEventHandle.self, kinds: [.webhookEvent])
}

@c @implementation
public func vipps_webhook_event_kind(_ e: OpaquePointer?) -> vipps_event_kind {
    webhookEvent(e)?.event.kind.rawValue ?? 0
}
@c @implementation
public func vipps_webhook_event_name(_ e: OpaquePointer?) -> UnsafePointer<CChar>? { webhookEvent(e)?.string(.name) }
@c @implementation
public func vipps_webhook_event_type(_ e: OpaquePointer?) -> UnsafePointer<CChar>? { webhookEvent(e)?.string(.type) }
@c @implementation
public func vipps_webhook_event_msn(_ e: OpaquePointer?) -> UnsafePointer<CChar>? { webhookEvent(e)?.string(.msn) }
@c @implementation
public func vipps_webhook_event_reference(_ e: OpaquePointer?) -> UnsafePointer<CChar>? {
    webhookEvent(e)?.string(.reference)
}
@c @implementation
public func vipps_webhook_event_psp_reference(_ e: OpaquePointer?) -> UnsafePointer<CChar>? {
    webhookEvent(e)?.string(.pspReference)
}
@c @implementation
public func vipps_webhook_event_amount(_ e: OpaquePointer?) -> Int64 { webhookEvent(e)?.event.amountValue ?? 0 }
@c @implementation
public func vipps_webhook_event_currency(_ e: OpaquePointer?) -> UnsafePointer<CChar>? {
    webhookEvent(e)?.string(.currency)
}
@c @implementation
public func vipps_webhook_event_idempotency_key(_ e: OpaquePointer?) -> UnsafePointer<CChar>? {
    webhookEvent(e)?.string(.idempotencyKey)
}
@c @implementation
public func vipps_webhook_event_success(_ e: OpaquePointer?) -> Int32 { webhookEvent(e)?.event.success == true ? 1 : 0 }
@c @implementation
public func vipps_webhook_event_timestamp(_ e: OpaquePointer?) -> UnsafePointer<CChar>? {
    webhookEvent(e)?.string(.timestamp)
}
@c @implementation
public func vipps_webhook_event_json(_ e: OpaquePointer?) -> UnsafePointer<CChar>? { webhookEvent(e)?.string(.json) }
@c @implementation
public func vipps_webhook_event_free(_ e: OpaquePointer?) { Handles.release(e, kind: .webhookEvent) }
