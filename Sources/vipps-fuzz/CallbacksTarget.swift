import VippsCore

/// What Vipps POSTs or DELETEs to the shop's web server (Callbacks.swift): payment-update
/// callbacks, shipping-details requests, consent-removal paths, and the Authorization check.
/// The whole input is tried as each of them (a JSON dictionary then works unchanged), and is
/// split in two for the header comparison.
let callbacksTarget = FuzzTarget(
    name: "callbacks",
    summary: "VippsCore Callbacks: payment callbacks, shipping-details requests, consent removal, auth check"
) { data in
    if let callback = try? PaymentCallback.parse(data) {
        check(!callback.orderId.isEmpty, "a callback without an order id")
        check(callback.shippingCostInOre >= 0, "a negative shipping cost")
        check(callback.state == PaymentCallback.state(forCallbackStatus: callback.status), "state differs from status")
        _ = callback.address?.line1
    }

    if let request = try? ShippingDetailsRequest.parse(data) {
        // Answer it the way a shop does, echoing what Vipps sent.
        if var response = try? ShippingDetailsResponse(addressId: request.addressId, orderId: "fuzz-order-1") {
            let option = ShippingOption(
                methodId: request.city.isEmpty ? "m" : request.city,
                method: request.addressLine1.isEmpty ? "Posten" : request.addressLine1,
                costInOre: request.addressId, isDefault: true, priority: 0)
            _ = try? response.add(option)
            if let json = try? response.json() {
                check(JSONValue.parse(Array(json.utf8)) != nil, "the shipping response is not JSON")
            }
        }
    }

    let text = String(decoding: data, as: UTF8.self)
    let userId = try? Callbacks.consentRemovalUserId(path: text)
    if let userId {
        check(!userId.isEmpty && userId.utf8.count <= 100, "a consent-removal user id out of range")
        // The C ABI hands the id out as a C string: a NUL would cut it short, and the shop would
        // delete the data of another customer.
        check(!userId.utf8.contains(0), "a consent-removal user id with a NUL byte")
        // Shops put the id in paths and log lines: no separators, no "..", no control bytes.
        check(
            !userId.contains("..")
                && userId.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != 0x2F && $0 != 0x5C }),
            "a consent-removal user id with a path separator, \"..\" or a byte outside printable ASCII")
    }
    check(userId == referenceConsentUserId(text), "consentRemovalUserId differs from strict RFC 3986 decoding")

    let half = data.count / 2
    let expected = String(decoding: data[..<half], as: UTF8.self)
    let header = String(decoding: data[half...], as: UTF8.self)
    let matched = (try? Callbacks.verifyAuthorization(expected: expected, header: header)) != nil
    check(
        matched == (!expected.isEmpty && Array(expected.utf8) == Array(header.utf8)),
        "verifyAuthorization disagrees with byte equality")
    check((try? Callbacks.verifyAuthorization(expected: expected, header: nil)) == nil, "a missing header accepted")
}

/// The user id as strict percent-decoding (RFC 3986: "%" and exactly two hex digits) of the
/// last segment after "/v2/consents/" reads it, limited to what a user id may hold (printable
/// ASCII without "/", "\\" or ".."), for comparison with the library.
private func referenceConsentUserId(_ path: String) -> String? {
    let withoutQuery =
        path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
    guard let markerEnd = withoutQuery.ranges(of: "/v2/consents/").last?.upperBound else { return nil }
    let encoded = Array(withoutQuery[markerEnd...].utf8)
    guard !encoded.isEmpty, !encoded.contains(UInt8(ascii: "/")) else { return nil }
    func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
    var bytes: [UInt8] = []
    var index = 0
    while index < encoded.count {
        if encoded[index] == UInt8(ascii: "%") {
            guard index + 2 < encoded.count, let high = hex(encoded[index + 1]), let low = hex(encoded[index + 2])
            else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 3
        } else {
            bytes.append(encoded[index])
            index += 1
        }
    }
    guard !bytes.contains(0), let decoded = String(validating: bytes, as: UTF8.self),
        !decoded.isEmpty, decoded.utf8.count <= 100
    else { return nil }
    let printable = bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\\") }
    guard printable, !decoded.contains("..") else { return nil }
    return decoded
}
