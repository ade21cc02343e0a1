import CVipps
import Glibc
import VippsCore

// Webhooks (ePayment): verifying and reading what Vipps POSTs to the shop's registered URLs.

private func stringArray(
    _ pointer: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int, _ name: String
) throws(VippsError) -> [String] {
    // size_t arrives as Int: a count above Int.max reads as negative.
    guard count >= 0 else { throw .invalidArgument(name, "has a count that is out of range") }
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
    guard length >= 0 else { throw .invalidArgument(name, "has a length that is out of range") }
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
    Handles.lookup(pointer, WebhookEventHandle.self, kind: .webhookEvent)
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

// Registrations (ePayment's Webhooks API) and Userinfo, through a client.

@c @implementation
public func vipps_webhook_register(
    _ client: OpaquePointer?, _ url: UnsafePointer<CChar>?, _ events: UnsafePointer<UnsafePointer<CChar>?>?,
    _ eventCount: Int, _ idOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ secretOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> vipps_status {
    idOut?.pointee = nil
    secretOut?.pointee = nil
    return clientCall(client) { (client) throws(VippsError) in
        guard let idOut else { throw .invalidArgument("id_out", "must not be NULL") }
        guard let secretOut else { throw .invalidArgument("secret_out", "must not be NULL") }
        let registration = try client.registerWebhook(
            url: try CInput.string(url, "url"), events: try stringArray(events, eventCount, "events"))
        idOut.pointee = strdup(registration.id)
        secretOut.pointee = strdup(registration.secret ?? "")
    }
}

/// A `vipps_webhook_list`: every string in one table.
final class WebhookListHandle {
    private let table: CStringTable
    /// For each registration: the table index of its id (url follows), and its event count.
    private let entries: [(first: Int, events: Int)]

    init(_ registrations: [WebhookRegistration]) {
        var texts: [String] = []
        var entries: [(first: Int, events: Int)] = []
        for registration in registrations {
            entries.append((first: texts.count, events: registration.events.count))
            texts += [registration.id, registration.url] + registration.events
        }
        table = CStringTable(texts)
        self.entries = entries
    }

    var count: Int { entries.count }
    func string(_ index: Int, _ offset: Int) -> UnsafePointer<CChar>? {
        guard entries.indices.contains(index) else { return nil }
        return table.string(entries[index].first + offset).unsafePointer
    }
    func eventCount(_ index: Int) -> Int { entries.indices.contains(index) ? entries[index].events : 0 }
}

private func webhookList(_ pointer: OpaquePointer?) -> WebhookListHandle? {
    Handles.lookup(pointer, WebhookListHandle.self, kind: .webhookList)
}

@c @implementation
public func vipps_webhook_get_list(_ client: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?)
    -> vipps_status
{
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        out.pointee = Handles.export(WebhookListHandle(try client.webhooks()), as: .webhookList)
    }
}

@c @implementation
public func vipps_webhook_list_count(_ list: OpaquePointer?) -> Int { webhookList(list)?.count ?? 0 }
@c @implementation
public func vipps_webhook_list_id(_ list: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    webhookList(list)?.string(index, 0)
}
@c @implementation
public func vipps_webhook_list_url(_ list: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    webhookList(list)?.string(index, 1)
}
@c @implementation
public func vipps_webhook_list_event_count(_ list: OpaquePointer?, _ index: Int) -> Int {
    webhookList(list)?.eventCount(index) ?? 0
}
@c @implementation
public func vipps_webhook_list_event(_ list: OpaquePointer?, _ index: Int, _ eventIndex: Int) -> UnsafePointer<CChar>? {
    guard let handle = webhookList(list), eventIndex >= 0, eventIndex < handle.eventCount(index) else { return nil }
    return handle.string(index, 2 + eventIndex)
}
@c @implementation
public func vipps_webhook_list_free(_ list: OpaquePointer?) { Handles.release(list, kind: .webhookList) }

@c @implementation
public func vipps_webhook_delete(_ client: OpaquePointer?, _ id: UnsafePointer<CChar>?) -> vipps_status {
    clientCall(client) { (client) throws(VippsError) in try client.deleteWebhook(id: try CInput.string(id, "id")) }
}

/// A `vipps_userinfo`: the claims with C strings.
final class UserinfoHandle {
    enum Claim: Int, CaseIterable {
        case sub, name, givenName, familyName, email, phoneNumber, birthdate, nin
        case streetAddress, postalCode, region, country, formatted, addressType, json
    }
    let userinfo: Userinfo
    private let table: CStringTable
    private let present: [Bool]

    init(_ userinfo: Userinfo) {
        self.userinfo = userinfo
        let values: [String?] = [
            userinfo.string("sub"), userinfo.string("name"), userinfo.string("given_name"),
            userinfo.string("family_name"), userinfo.string("email"), userinfo.string("phone_number"),
            userinfo.string("birthdate"), userinfo.string("nin"), userinfo.address("street_address"),
            userinfo.address("postal_code"), userinfo.address("region"), userinfo.address("country"),
            userinfo.address("formatted"), userinfo.address("address_type"), userinfo.json,
        ]
        present = values.map { $0 != nil }
        table = CStringTable(values.map { $0 ?? "" })
    }

    func string(_ claim: Claim) -> UnsafePointer<CChar>? {
        present.indices.contains(claim.rawValue) && present[claim.rawValue]
            ? table.string(claim.rawValue).unsafePointer : nil
    }
}

private func userinfo(_ pointer: OpaquePointer?) -> UserinfoHandle? {
    Handles.lookup(pointer, UserinfoHandle.self, kind: .userinfo)
}

@c @implementation
public func vipps_userinfo_get(
    _ client: OpaquePointer?, _ sub: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        let info = try client.userinfo(sub: try CInput.string(sub, "sub"))
        out.pointee = Handles.export(UserinfoHandle(info), as: .userinfo)
    }
}

@c @implementation
public func vipps_userinfo_sub(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.sub) }
@c @implementation
public func vipps_userinfo_name(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.name) }
@c @implementation
public func vipps_userinfo_given_name(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.givenName) }
@c @implementation
public func vipps_userinfo_family_name(_ u: OpaquePointer?) -> UnsafePointer<CChar>? {
    userinfo(u)?.string(.familyName)
}
@c @implementation
public func vipps_userinfo_email(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.email) }
@c @implementation
public func vipps_userinfo_email_verified(_ u: OpaquePointer?) -> Int32 {
    guard let verified = userinfo(u)?.userinfo.emailVerified else { return -1 }
    return verified ? 1 : 0
}
@c @implementation
public func vipps_userinfo_phone_number(_ u: OpaquePointer?) -> UnsafePointer<CChar>? {
    userinfo(u)?.string(.phoneNumber)
}
@c @implementation
public func vipps_userinfo_birthdate(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.birthdate) }
@c @implementation
public func vipps_userinfo_nin(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.nin) }
@c @implementation
public func vipps_userinfo_street_address(_ u: OpaquePointer?) -> UnsafePointer<CChar>? {
    userinfo(u)?.string(.streetAddress)
}
@c @implementation
public func vipps_userinfo_postal_code(_ u: OpaquePointer?) -> UnsafePointer<CChar>? {
    userinfo(u)?.string(.postalCode)
}
@c @implementation
public func vipps_userinfo_region(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.region) }
@c @implementation
public func vipps_userinfo_country(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.country) }
@c @implementation
public func vipps_userinfo_formatted_address(_ u: OpaquePointer?) -> UnsafePointer<CChar>? {
    userinfo(u)?.string(.formatted)
}
@c @implementation
public func vipps_userinfo_address_type(_ u: OpaquePointer?) -> UnsafePointer<CChar>? {
    userinfo(u)?.string(.addressType)
}
@c @implementation
public func vipps_userinfo_json(_ u: OpaquePointer?) -> UnsafePointer<CChar>? { userinfo(u)?.string(.json) }
@c @implementation
public func vipps_userinfo_free(_ u: OpaquePointer?) { Handles.release(u, kind: .userinfo) }
