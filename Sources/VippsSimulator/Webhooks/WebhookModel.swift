import Foundation

/// One registration of the Webhooks API: where to send which event types of one sales unit, and the
/// secret that signs them. The secret leaves the simulator once, in the answer to the registration.
struct WebhookRegistration: Sendable {
    let id: String
    let merchantSerialNumber: String
    let url: String
    let events: [String]
    let secret: String
    /// On the simulated clock: events that happened before it are not sent to this registration.
    let createdAt: Date

    /// An 88-character base64 string (64 random bytes), the shape Vipps' secrets have.
    static func newSecret() -> String {
        Data(RandomIdentifiers.randomBytes(64)).base64EncodedString()
    }
}

/// The event types the Webhooks API accepts. Only the ePayment ones are ever emitted; the others can
/// be registered, as at Vipps, so that a shop's registration code works unchanged.
enum WebhookEventType {
    static let ePayment: [String] = [
        EPaymentEvent.Name.created, .aborted, .expired, .cancelled, .captured, .refunded, .authorized, .terminated,
    ].map(name(of:))

    static let otherAPIs = [
        "recurring.agreement-activated.v1", "recurring.agreement-rejected.v1", "recurring.agreement-stopped.v1",
        "recurring.agreement-expired.v1", "recurring.charge-reserved.v1", "recurring.charge-captured.v1",
        "recurring.charge-canceled.v1", "recurring.charge-failed.v1", "user.checked-in.v1",
    ]

    static let all = Set(ePayment + otherAPIs)

    /// `AUTHORIZED` → `epayments.payment.authorized.v1`. The payload's `name` is the short name.
    static func name(of event: EPaymentEvent.Name) -> String {
        "epayments.payment.\(event.rawValue.lowercased()).v1"
    }
}

/// The body of a delivered webhook, `WebhookEvent`.
struct WebhookEventBody: Encodable {
    let msn: String
    let reference: String
    let pspReference: String
    let name: String
    let amount: AmountBody
    let timestamp: String
    let idempotencyKey: String?
    let success: Bool

    /// Compact JSON with sorted members: the bytes that are hashed are the bytes that are sent.
    var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map(Array.init) ?? Array("{}".utf8)
    }
}

/// How the simulator delivers webhooks; `POST /sim/v1/webhooks/settings` changes it at run time.
struct WebhookSettings: Sendable, Codable, Equatable {
    /// Retries come this many times sooner than the schedule says (simulated time), so that a test
    /// sees a whole retry sequence in seconds.
    var timeCompression: Double = 1
    /// Vipps' own URL rule (https, ports 80, 443, 8080) instead of the loopback-friendly one.
    var strictURLs = false
    /// Registrations allowed per event type and sales unit.
    var maximumPerEventType = 25
    /// Seconds to wait for an answer before an attempt counts as failed.
    var attemptTimeoutSeconds: Double = 10
    /// Re-send the first attempt's date and signature on retries instead of signing each one anew,
    /// to test a receiver's freshness window.
    var resendOriginalSignature = false
    /// Also send the signature as `X-Vipps-Authorization`, for servers that strip `Authorization`.
    var vippsAuthorizationHeader = true
    /// Deliver events of eCom-initiated payments too; whether Vipps does is not documented.
    var eComPayments = false

    /// Offsets from the first attempt, in seconds: quick retries first, then hourly for a day, then
    /// daily up to seven days, after which the event is given up.
    static let schedule: [TimeInterval] =
        [0, 2, 60, 120] + (1...24).map { TimeInterval($0) * 3600 } + (2...7).map { TimeInterval($0) * 86400 }
}

/// Delivery faults, used up as deliveries consume them (`outOfOrder` stays until cleared).
struct WebhookFaults: Sendable, Codable, Equatable {
    /// The next this many events are never delivered (recorded as dropped).
    var drop = 0
    /// The next this many events are delivered twice.
    var duplicate = 0
    /// The next this many attempts wait `delaySeconds` (real time) before they are sent.
    var delay = 0
    var delaySeconds: Double = 0
    /// While on, a later event of a payment is sent while an earlier one is still failing: the
    /// ordering guarantee switched off, to test receivers that rely on it.
    var outOfOrder = false
}

/// One attempt to deliver an event, as the control API shows it.
struct WebhookAttempt: Sendable, Encodable {
    let attempt: Int
    let url: String
    /// On the simulated clock.
    let sentAt: String
    /// `x-ms-date`, `x-ms-content-sha256`, `Authorization`: signature headers, not secrets.
    let headers: [String: String]
    /// The receiver's status, nil when no answer came (see `error`).
    let status: Int?
    let error: String?
    /// The receiver's answer, cut to its first kilobytes.
    let responseBody: String?
    let durationMs: Int
    /// When the next attempt is due (simulated clock), nil when this one ended the delivery.
    let nextAttemptAt: String?
}

/// One event on its way to one registration.
struct WebhookDelivery: Sendable, Encodable {
    enum Outcome: String, Sendable, Encodable {
        case pending, delivered, exhausted, dropped
    }

    var id: String
    let registrationId: String
    let msn: String
    let reference: String
    let eventType: String
    let name: String
    let pspReference: String
    /// The request body, byte for byte.
    let body: String
    var outcome: Outcome
    /// Why it was dropped: a fault, or the registration was deleted.
    var dropReason: String?
    var attempts: [WebhookAttempt] = []
    var nextAttemptAt: Date?
    /// When the first attempt was sent: the schedule counts from it.
    var firstAttemptAt: Date?
    /// The first attempt's date, re-sent when `resendOriginalSignature` is on.
    var firstDate: String?

    private enum CodingKeys: String, CodingKey {
        case id, registrationId, msn, reference, eventType, name, pspReference, body, outcome, dropReason, attempts
        case nextAttemptAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(registrationId, forKey: .registrationId)
        try container.encode(msn, forKey: .msn)
        try container.encode(reference, forKey: .reference)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(name, forKey: .name)
        try container.encode(pspReference, forKey: .pspReference)
        try container.encode(body, forKey: .body)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(dropReason, forKey: .dropReason)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(nextAttemptAt.map(Timestamp.string(from:)), forKey: .nextAttemptAt)
    }
}

/// The webhook settings the command line sets.
extension SimulatorConfiguration {
    public var webhookTimeCompression: Double {
        get { webhooks.timeCompression }
        set { webhooks.timeCompression = newValue }
    }

    public var strictWebhookURLs: Bool {
        get { webhooks.strictURLs }
        set { webhooks.strictURLs = newValue }
    }
}
