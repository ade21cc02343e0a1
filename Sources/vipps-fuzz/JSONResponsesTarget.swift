import VippsCore
import VippsHTTP

/// Every decoder that reads a JSON body from Vipps, fed the same bytes: the generic JSONValue
/// and its accessors, the debug-log masking, the access-token, initiate, details and
/// capture/refund/cancel/status answers, and Vipps' error bodies under the statuses that
/// select different shapes. The whole input is the body, so a JSON dictionary works as is.
let jsonResponsesTarget = FuzzTarget(
    name: "json-responses",
    summary: "VippsCore JSON decoders: JSONValue, token, initiate, details, transactions, error bodies, log masking"
) { body in
    if let value = JSONValue.parse(body) {
        walk(value, depth: 0)
    }
    _ = LogRedaction.body(body, includePersonalData: false)
    _ = LogRedaction.body(body, includePersonalData: true)

    // The status picks which error-body reading applies; derived from the length so that the
    // whole input stays the body.
    let statuses = [200, 400, 401, 402, 404, 409, 429, 500, 503]
    let status = statuses[body.count % statuses.count]
    let response = HTTPResponse(
        status: status, reason: "Fuzz", headers: [(name: "Content-Type", value: "application/json")],
        body: body)
    exerciseResponse(response)

    if let details = try? PaymentDetails.parse(body, requestedOrderId: "fuzz-order-1") {
        for amount: Int64 in [0, 1, 100, Int64(Int32.max), -1, .max] {
            _ = try? details.checkCapture(amount: amount)
        }
        for entry in details.log { _ = entry.operation.utf8.count + entry.transactionId.utf8.count }
        _ = details.state.name
    }
    if let transaction = try? PaymentTransaction.parse(body, orderId: "fuzz-order-1", requestId: "key-1") {
        check(transaction.requestId == "key-1", "the request id was not kept")
    }
}

/// Touches every accessor of a parsed value, recursively (bounded: the decoder limits depth).
private func walk(_ value: JSONValue, depth: Int) {
    _ = value.text
    _ = value.integerValue
    _ = value.member(caseInsensitive: "errorCode")
    _ = value["orderId"]
    if let integer = value.integerValue {
        // Documented bound: sums of a few thousand amounts must not overflow.
        check(integer.magnitude < 9_000_000_000_000_000, "integerValue out of the documented range")
    }
    guard depth < 64 else { return }
    switch value {
    case .array(let items): for item in items.prefix(64) { walk(item, depth: depth + 1) }
    case .object(let members): for (_, member) in members.prefix(64) { walk(member, depth: depth + 1) }
    default: break
    }
}
