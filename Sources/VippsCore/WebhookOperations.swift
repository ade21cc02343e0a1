import VippsHTTP

/// A webhook registration of the Webhooks API. `secret` is set only in the answer to a
/// registration: Vipps never shows it again, so the shop must store it then.
public struct WebhookRegistration: Sendable {
    public let id: String
    public let url: String
    public let events: [String]
    public let secret: String?
}

/// The claims of a user's profile (`GET /vipps-userinfo-api/userinfo/{sub}`): only those the
/// user consented to are present.
public struct Userinfo: Sendable {
    public let claims: JSONValue
    public let json: String

    public func string(_ name: String) -> String? { claims[name]?.stringValue }
    public func address(_ name: String) -> String? { claims["address"]?[name]?.stringValue }
    public var emailVerified: Bool? {
        if case .bool(let value) = claims["email_verified"] { return value }
        return nil
    }
}

/// The Webhooks API (registrations, ePayment only) and Userinfo (both APIs), through the same
/// pipeline as payments: token, headers, retries, scrubbing (docs/webhooks-client.md).
extension VippsClient {
    static let webhooksPath = "/webhooks/v1/webhooks"

    /// POST /webhooks/v1/webhooks. Not repeated once sent: a lost answer would mean a second
    /// registration whose secret nobody knows, so the caller lists and decides.
    public func registerWebhook(url: String, events: [String]) throws(VippsError) -> WebhookRegistration {
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.utf8.count <= 2048,
            url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { throw .invalidArgument("url", "must be an absolute http(s) URL of printable ASCII") }
        guard !events.isEmpty else { throw .invalidArgument("events", "must name at least one event type") }
        for event in events where event.isEmpty || !event.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            throw .invalidArgument("events", "holds an event type that is empty or not printable ASCII")
        }
        let body = JSONValue.object(["url": .string(url), "events": .array(events.map(JSONValue.string))]).utf8Bytes
        let response = try perform(
            .post, Self.webhooksPath, body: body, kind: .forceApprove, operation: "register webhook")
        guard let json = JSONValue.parse(response.body), !json.containsNUL, let id = json["id"]?.stringValue,
            let secret = json["secret"]?.stringValue, !secret.isEmpty
        else {
            throw VippsError(
                .outcomeUnknown,
                "register webhook: Vipps answered \(response.status) without a readable id and secret; "
                    + "list the registrations and delete the one for this URL")
        }
        return WebhookRegistration(id: id, url: url, events: events, secret: secret)
    }

    /// GET /webhooks/v1/webhooks: the sales unit's registrations (no secrets).
    public func webhooks() throws(VippsError) -> [WebhookRegistration] {
        let response = try perform(.get, Self.webhooksPath, kind: .read, operation: "list webhooks")
        guard let json = JSONValue.parse(response.body), !json.containsNUL, let items = json["webhooks"]?.arrayValue
        else { throw VippsError(.protocolError, "list webhooks: the answer is not {\"webhooks\": [...]}") }
        var result: [WebhookRegistration] = []
        for item in items {
            guard let id = item["id"]?.stringValue, let url = item["url"]?.stringValue else {
                throw VippsError(.protocolError, "list webhooks: a registration without id or url")
            }
            let events = (item["events"]?.arrayValue ?? []).compactMap { $0.stringValue }
            result.append(WebhookRegistration(id: id, url: url, events: events, secret: nil))
        }
        return result
    }

    /// DELETE /webhooks/v1/webhooks/{id}.
    public func deleteWebhook(id: String) throws(VippsError) {
        guard !id.isEmpty, id.utf8.count <= 100, id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidArgument("id", "must be 1-100 printable ASCII characters")
        }
        _ = try perform(
            .delete, Self.webhooksPath + "/" + Self.pathSegment(id), kind: .forceApprove,
            operation: "delete webhook \(id)")
    }

    /// GET /vipps-userinfo-api/userinfo/{sub} with the merchant's access token.
    public func userinfo(sub: String) throws(VippsError) -> Userinfo {
        guard !sub.isEmpty, sub.utf8.count <= 100, sub.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidArgument("sub", "must be 1-100 printable ASCII characters")
        }
        let response = try perform(
            .get, "/vipps-userinfo-api/userinfo/" + Self.pathSegment(sub), kind: .read, operation: "userinfo")
        return try Userinfo.parse(response.body)
    }
}

extension Userinfo {
    /// Reads a Userinfo answer: a JSON object with a `sub`.
    public static func parse(_ bytes: [UInt8]) throws(VippsError) -> Userinfo {
        guard let json = JSONValue.parse(bytes), case .object = json, !json.containsNUL,
            json["sub"]?.stringValue != nil
        else { throw VippsError(.protocolError, "userinfo: the answer is not a JSON object with a sub") }
        return Userinfo(claims: json, json: String(decoding: bytes, as: UTF8.self))
    }
}
