import VippsCore
import VippsHTTP

/// What the Webhooks and Userinfo APIs send the shop: the webhook verifier, the event parser and
/// the Userinfo parser. The input is a webhook request in text form: header lines ("name: value"),
/// an empty line, then the body; without an empty line all of it is the body.
let webhooksTarget = FuzzTarget(
    name: "webhooks",
    summary: "VippsCore Webhooks: signature verification, webhook events, Userinfo answers"
) { data in
    let separator: [UInt8] = [0x0A, 0x0A]
    var headerBytes: ArraySlice<UInt8> = []
    var body = data[...]
    if data.count >= 2, let split = (0..<(data.count - 1)).first(where: { Array(data[$0..<($0 + 2)]) == separator }) {
        headerBytes = data[..<split]
        body = data[(split + 2)...]
    }
    let headers = String(decoding: headerBytes, as: UTF8.self).split(separator: "\n").compactMap { line in
        line.firstIndex(of: ":").map { (name: String(line[..<$0]), value: String(line[line.index(after: $0)...])) }
    }
    let bodyBytes = Array(body)
    let secret = "fuzz-secret-0123456789"
    let url = "https://shop.example:8443/hooks/vipps?x=1"
    let now: Int64 = 1_692_017_327
    if let refusal = try? Webhooks.verify(
        method: "POST", registeredURL: url, headers: headers, body: bodyBytes, secrets: [secret],
        windowSeconds: -1, now: now)
    {
        // A random input must not verify unless it carries the right signature for its body.
        if refusal == .verified {
            let hash = Digest.base64(Digest.sha256(bodyBytes))
            let signed = headers.contains { $0.name.lowercased() == "x-ms-content-sha256" && $0.value.contains(hash) }
            check(signed, "a request verified whose content hash is not the body's")
        }
    }
    // The same body, signed as Vipps signs it, always verifies; one changed byte never does.
    let date = "Mon, 14 Aug 2023 12:48:47 GMT"
    let hash = Digest.base64(Digest.sha256(bodyBytes))
    let signature = Webhooks.signature(
        secret: secret, message: "POST\n/hooks/vipps?x=1\n\(date);shop.example:8443;\(hash)")
    let signedHeaders = [
        (name: "x-ms-date", value: date), (name: "x-ms-content-sha256", value: hash),
        (
            name: "Authorization",
            value: "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=\(signature)"
        ),
    ]
    let verdict = try? Webhooks.verify(
        method: "POST", registeredURL: url, headers: signedHeaders, body: bodyBytes, secrets: ["other", secret],
        windowSeconds: 300, now: now)
    check(verdict == .verified, "a correctly signed body did not verify")
    if !bodyBytes.isEmpty {
        var changed = bodyBytes
        changed[changed.count / 2] ^= 0x01
        let tampered = try? Webhooks.verify(
            method: "POST", registeredURL: url, headers: signedHeaders, body: changed, secrets: [secret],
            windowSeconds: 300, now: now)
        check(tampered == .contentHashMismatch, "a changed body was not refused for its hash")
    }

    if let event = try? WebhookEvent.parse(bodyBytes) {
        check(!event.name.isEmpty, "an event without a name")
        check(event.kind == WebhookEventKind(name: event.name), "the kind differs from the name")
        check(
            ([event.name, event.reference, event.pspReference, event.msn, event.idempotencyKey] as [String?])
                .allSatisfy { !($0?.utf8.contains(0) ?? false) }, "an event string with a NUL byte")
    }
    if let userinfo = try? Userinfo.parse(bodyBytes) {
        check(userinfo.string("sub") != nil, "a Userinfo answer without a sub")
        _ = userinfo.address("street_address")
        _ = userinfo.emailVerified
    }
    _ = Webhooks.parseHTTPDate(String(decoding: bodyBytes.prefix(64), as: UTF8.self))
}
