import VippsHTTP

/// Turns a non-2xx answer from Vipps into one `VippsError`, whatever shape the body has:
/// the backend's array of errors, the API gateway's objects, or the token service's Azure AD form
/// (docs/ecom-v2.md#error-bodies). Unknown shapes still give a useful message with the HTTP status.
/// `package`: fuzzed directly (Sources/vipps-fuzz).
package enum ErrorResponse {
    /// `scrub` removes secrets from the server's texts before they are cut to length, so that no
    /// part of a secret survives the cut (the caller's SecretScrubber).
    package static func error(from response: HTTPResponse, scrub: (String) -> String = { $0 }) -> VippsError {
        let status = response.status
        let body = JSONValue.parse(response.body)
        var group: String?
        var code: String?
        var vippsMessage: String?
        var contextId: String?

        if let first = body?.arrayValue?.first {
            // Backend: [{"errorGroup","errorCode","errorMessage","contextId"}]
            group = first.member(caseInsensitive: "errorGroup")?.text
            code = first.member(caseInsensitive: "errorCode")?.text
            vippsMessage = first.member(caseInsensitive: "errorMessage")?.text
            contextId = first.member(caseInsensitive: "contextId")?.text
        } else if let object = body, case .object = object {
            if let responseInfo = object["responseInfo"] {
                // Gateway (Azure API Management): {"responseInfo":{...},"result":{"message":...}}
                code = responseInfo.member(caseInsensitive: "responseCode")?.text
                vippsMessage =
                    object["result"]?["message"]?.text
                    ?? responseInfo.member(caseInsensitive: "responseMessage")?.text
            } else if let problem = Problem(object) {
                // ePayment: RFC 7807 (docs/epayment-client.md#errors). A validation problem names fields
                // and has no code: reported as eCom's InvalidRequest group with the field as code.
                group = problem.code == nil && problem.field != nil ? "InvalidRequest" : nil
                code = problem.code ?? problem.field
                vippsMessage = problem.summary
                contextId = problem.traceId
            } else if let azureError = object["error"]?.text {
                // Token service (Azure AD): {"error","error_description","correlation_id",...}
                code = azureError
                vippsMessage = object["error_description"]?.text
                contextId = object["correlation_id"]?.text ?? object["trace_id"]?.text
            } else {
                // Gateway: {"statusCode":401,"message":...} or {"errorCode","errorMessage","contextId"}
                group = object.member(caseInsensitive: "errorGroup")?.text
                code = object.member(caseInsensitive: "errorCode")?.text
                vippsMessage = object["message"]?.text ?? object.member(caseInsensitive: "errorMessage")?.text
                contextId = object.member(caseInsensitive: "contextId")?.text
            }
        }

        var category = category(forStatus: status, group: group, code: code)
        if code == "5090" { category = .notFound }  // ePayment's "Reference not found"
        if (200..<300).contains(status) {
            category = group?.lowercased() == "merchant" && code == "35" ? .notFound : .rejected
        }
        var label = "HTTP \(status)"
        if let group, let code { label += ", \(group) \(code)" } else if let code { label += ", \(code)" }
        let summary =
            vippsMessage.map { String(scrub($0).prefix(500)) }
            ?? (response.reason.isEmpty ? "no details" : response.reason)
        return VippsError(
            category, "\(headline(for: category)) (\(label)): \(summary)", httpStatus: status,
            errorGroup: group, errorCode: code, contextId: contextId,
            isRetryable: isRetryable(status: status, group: group, code: code))
    }

    /// True when a 2xx body is really an error: Vipps has answered 200 with the backend's error
    /// array (docs/ecom-v2.md#error-bodies), which must not be mistaken for success.
    package static func isErrorBody(_ body: [UInt8]) -> Bool {
        guard body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "["),
            let first = JSONValue.parse(body)?.arrayValue?.first
        else { return false }
        return first.member(caseInsensitive: "errorGroup") != nil || first.member(caseInsensitive: "errorCode") != nil
    }

    static func category(forStatus status: Int, group: String?, code: String?) -> VippsError.Category {
        switch status {
        case 401, 403: return .authentication
        case 404: return .notFound
        case 429: return .rateLimited
        case 500...599: return .server
        default:
            // Merchant 35 is "order not found", sometimes sent with another status.
            if group?.lowercased() == "merchant" && code == "35" { return .notFound }
            return .rejected
        }
    }

    /// Repeating may help for overload, server errors and "order locked" (VippsError 94);
    /// never for business or validation errors, which would fail the same way again.
    static func isRetryable(status: Int, group: String?, code: String?) -> Bool {
        if status == 429 || (500...599).contains(status) { return true }
        if status == 409 && code == "6160" { return true }  // ePayment's "order processing"
        return group?.lowercased() == "vippserror" && code == "94"
    }

    private static func headline(for category: VippsError.Category) -> String {
        switch category {
        case .authentication: return "Vipps refused the credentials"
        case .notFound: return "Vipps does not know this order"
        case .rateLimited: return "Vipps rate limit reached"
        case .server: return "Vipps had a server error"
        default: return "Vipps refused the request"
        }
    }
}

/// An RFC 7807 problem as ePayment sends it: `title`, `detail`, `traceId`, and `extraDetails`
/// holding either the domain code (`{"name":"ErrorCode","reason":"6090"}`) or one entry per
/// refused field.
struct Problem {
    var code: String?
    var field: String?
    var summary: String
    var traceId: String?

    init?(_ object: JSONValue) {
        guard object["title"] != nil || object["type"] != nil || object["traceId"] != nil else { return nil }
        var reasons: [String] = []
        for entry in object["extraDetails"]?.arrayValue ?? [] {
            guard let name = entry["name"]?.text else { continue }
            let reason = entry["reason"]?.text ?? ""
            if name == "ErrorCode" {
                code = code ?? reason
            } else {
                field = field ?? name
                reasons.append("\(name): \(reason)")
            }
        }
        let parts = [object["title"]?.text, object["detail"]?.text].compactMap { $0 } + reasons
        summary = parts.isEmpty ? "no details" : parts.joined(separator: "; ")
        traceId = object["traceId"]?.text
    }
}
