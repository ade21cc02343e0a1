import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// Registrations, and the delivery of every ePayment event to each of them
/// (docs/webhooks-and-userinfo.md, "Delivery").
///
/// Events are read off the payments' transaction logs (`ePaymentEvents`), so every way a payment
/// changes — the merchant's calls, the user's pages, expiry after a clock jump — produces its webhooks
/// without the acts knowing about them. A loop, running while registrations exist, looks for events
/// a registration has not yet been given, queues them per (registration, payment), and sends the head
/// of each queue when due: one event of a payment at a time, the next only after a 2xx.
final class WebhookDispatcher: Sendable {
    struct QueueKey: Hashable, Sendable {
        let registrationId: String
        let payment: PaymentKey
    }

    struct State {
        var registrations: [String: WebhookRegistration] = [:]
        /// Registration order, for listings.
        var order: [String] = []
        /// Every delivery, oldest first; queues point into it.
        var deliveries: [WebhookDelivery] = []
        /// Undelivered deliveries per registration and payment, in event order.
        var queues: [QueueKey: [Int]] = [:]
        /// How many of a payment's events each registration has looked at.
        var seen: [QueueKey: Int] = [:]
        /// Queues with an attempt under way: never two at once for one payment and registration.
        var inFlight: Set<QueueKey> = []
        var settings = WebhookSettings()
        var faults = WebhookFaults()
        var loopRunning = false
    }

    let store: PaymentStore
    let state: Mutex<State>
    /// How often the loop looks for new events and due retries (real time).
    private let pollInterval: Duration = .milliseconds(20)

    init(store: PaymentStore, settings: WebhookSettings = WebhookSettings()) {
        self.store = store
        state = Mutex(State(settings: settings))
    }

    private var clock: any SimulatorClock { store.clock }

    // MARK: Registrations

    func register(merchantSerialNumber: String, url: String, events: [String]) -> WebhookRegistration {
        let registration = WebhookRegistration(
            id: UUID().uuidString.lowercased(), merchantSerialNumber: merchantSerialNumber, url: url,
            events: events, secret: WebhookRegistration.newSecret(), createdAt: clock.now())
        let start = state.withLock { state in
            state.registrations[registration.id] = registration
            state.order.append(registration.id)
            defer { state.loopRunning = true }
            return !state.loopRunning
        }
        if start { startLoop() }
        return registration
    }

    /// How many registrations of this sales unit already receive `eventType`.
    func count(merchantSerialNumber: String, eventType: String) -> Int {
        state.withLock { state in
            state.registrations.values.filter {
                $0.merchantSerialNumber == merchantSerialNumber && $0.events.contains(eventType)
            }.count
        }
    }

    func registrations(merchantSerialNumber: String?) -> [WebhookRegistration] {
        state.withLock { state in
            state.order.compactMap { state.registrations[$0] }.filter {
                merchantSerialNumber == nil || $0.merchantSerialNumber == merchantSerialNumber
            }
        }
    }

    /// False when there is no such registration for this sales unit. Its pending deliveries are dropped.
    func delete(id: String, merchantSerialNumber: String) -> Bool {
        state.withLock { state in
            guard let registration = state.registrations[id], registration.merchantSerialNumber == merchantSerialNumber
            else { return false }
            state.registrations[id] = nil
            state.order.removeAll { $0 == id }
            for key in state.queues.keys where key.registrationId == id {
                for index in state.queues[key] ?? [] where state.deliveries.indices.contains(index) {
                    state.deliveries[index].outcome = .dropped
                    state.deliveries[index].dropReason = "registration deleted"
                    state.deliveries[index].nextAttemptAt = nil
                }
                state.queues[key] = nil
            }
            return true
        }
    }

    var settings: WebhookSettings {
        get { state.withLock { $0.settings } }
        set { state.withLock { $0.settings = newValue } }
    }

    var faults: WebhookFaults {
        get { state.withLock { $0.faults } }
        set { state.withLock { $0.faults = newValue } }
    }

    func deliveries(reference: String?) -> [WebhookDelivery] {
        state.withLock { state in state.deliveries.filter { reference == nil || $0.reference == reference } }
    }

    /// Forgets registrations, deliveries and faults; settings stay.
    func reset() {
        state.withLock { state in
            let settings = state.settings
            let running = state.loopRunning
            state = State(settings: settings)
            // A running loop notices the empty registrations and ends itself.
            state.loopRunning = running
        }
    }

    // MARK: The loop

    private func startLoop() {
        Task { [weak self] in
            while let self, await self.tick() {
                try? await Task.sleep(for: self.pollInterval)
            }
        }
    }

    /// One round: queue new events, start due attempts. False once no registration is left (the
    /// loop ends; the next registration starts it again).
    func tick() async -> Bool {
        let now = clock.now()
        let payments = state.withLock { $0.registrations.isEmpty } ? [] : store.allPayments()
        let started: [(QueueKey, Int, WebhookDelivery, WebhookRegistration)]? = state.withLock { state in
            guard !state.registrations.isEmpty else {
                state.loopRunning = false
                return nil
            }
            Self.queueNewEvents(of: payments, into: &state)
            return Self.startDueAttempts(at: now, in: &state)
        }
        guard let started else { return false }
        for (key, index, delivery, registration) in started {
            Task { await self.attempt(key: key, index: index, delivery: delivery, registration: registration) }
        }
        return true
    }

    private static func queueNewEvents(of payments: [Payment], into state: inout State) {
        for id in state.order {
            guard let registration = state.registrations[id] else { continue }
            for payment in payments where payment.merchantSerialNumber == registration.merchantSerialNumber {
                guard payment.ePayment != nil || state.settings.eComPayments else { continue }
                let key = QueueKey(
                    registrationId: id,
                    payment: PaymentKey(merchantSerialNumber: payment.merchantSerialNumber, orderId: payment.orderId))
                let events = payment.ePaymentEvents
                let seen = state.seen[key] ?? 0
                guard events.count > seen else { continue }
                state.seen[key] = events.count
                for event in events.dropFirst(seen) where event.timestamp >= registration.createdAt {
                    let eventType = WebhookEventType.name(of: event.name)
                    guard registration.events.contains(eventType) else { continue }
                    enqueue(event, of: payment, type: eventType, for: registration, key: key, into: &state)
                }
            }
        }
    }

    private static func enqueue(
        _ event: EPaymentEvent, of payment: Payment, type eventType: String, for registration: WebhookRegistration,
        key: QueueKey, into state: inout State
    ) {
        let body = WebhookEventBody(
            msn: payment.merchantSerialNumber, reference: payment.orderId, pspReference: event.pspReference,
            name: event.name.rawValue, amount: AmountBody(event.amount, payment.currency),
            timestamp: Timestamp.string(from: event.timestamp), idempotencyKey: event.idempotencyKey,
            success: event.success)
        var delivery = WebhookDelivery(
            id: UUID().uuidString.lowercased(), registrationId: registration.id, msn: payment.merchantSerialNumber,
            reference: payment.orderId, eventType: eventType, name: event.name.rawValue,
            pspReference: event.pspReference, body: String(decoding: body.bytes, as: UTF8.self), outcome: .pending)
        if state.faults.drop > 0 {
            state.faults.drop -= 1
            delivery.outcome = .dropped
            delivery.dropReason = "drop fault"
            state.deliveries.append(delivery)
            return
        }
        let copies = state.faults.duplicate > 0 ? 2 : 1
        if copies == 2 { state.faults.duplicate -= 1 }
        for _ in 0..<copies {
            var copy = delivery
            copy.id = UUID().uuidString.lowercased()
            state.deliveries.append(copy)
            state.queues[key, default: []].append(state.deliveries.count - 1)
        }
    }

    /// The head of every idle queue whose time has come — or, with the out-of-order switch, the first
    /// event behind a head that has already failed.
    private static func startDueAttempts(at now: Date, in state: inout State) -> [(
        QueueKey, Int, WebhookDelivery, WebhookRegistration
    )] {
        var started: [(QueueKey, Int, WebhookDelivery, WebhookRegistration)] = []
        for (key, queue) in state.queues where !state.inFlight.contains(key) {
            guard let registration = state.registrations[key.registrationId], let head = queue.first,
                state.deliveries.indices.contains(head)
            else { continue }
            var index = head
            if state.faults.outOfOrder, !state.deliveries[head].attempts.isEmpty,
                let untried = queue.first(where: {
                    state.deliveries.indices.contains($0) && state.deliveries[$0].attempts.isEmpty
                })
            {
                index = untried
            }
            if let due = state.deliveries[index].nextAttemptAt, due > now { continue }
            state.inFlight.insert(key)
            started.append((key, index, state.deliveries[index], registration))
        }
        return started
    }

    // MARK: One attempt

    private func attempt(key: QueueKey, index: Int, delivery: WebhookDelivery, registration: WebhookRegistration) async
    {
        let (settings, delay) = state.withLock { state -> (WebhookSettings, Double) in
            guard state.faults.delay > 0 else { return (state.settings, 0) }
            state.faults.delay -= 1
            return (state.settings, state.faults.delaySeconds)
        }
        if delay > 0 { try? await Task.sleep(for: .milliseconds(Int64(min(delay, 3600) * 1000))) }

        let sentAt = clock.now()
        let date =
            settings.resendOriginalSignature
            ? (delivery.firstDate ?? WebhookSignature.httpDate(sentAt)) : WebhookSignature.httpDate(sentAt)
        let bytes = Array(delivery.body.utf8)
        var headers: [String: String] = [:]
        var status: Int?
        var failure: String?
        var responseBody: String?
        let started = ContinuousClock.now
        if let signature = WebhookSignature(secret: registration.secret, url: registration.url, date: date, body: bytes)
        {
            headers = [
                "x-ms-date": signature.date, "x-ms-content-sha256": signature.contentHash,
                "Authorization": signature.authorization,
            ]
            if settings.vippsAuthorizationHeader { headers["X-Vipps-Authorization"] = signature.authorization }
            do {
                var request = HTTPClientRequest(url: registration.url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "User-Agent", value: "vipps-sim/\(SimulatorVersion.current)")
                for (name, value) in headers { request.headers.add(name: name, value: value) }
                request.body = .bytes(ByteBuffer(bytes: bytes))
                let timeout = Int64(max(0.1, min(settings.attemptTimeoutSeconds, 300)) * 1000)
                let response = try await ShopHTTPClient.shared.execute(request, timeout: .milliseconds(timeout))
                let answer = try await response.body.collect(upTo: 1 << 20)
                status = Int(response.status.code)
                responseBody = String(String(buffer: answer).prefix(2048))
            } catch {
                // The error's description names the cause (timeout, refused…), never a header.
                failure = String(describing: error)
            }
        } else {
            failure = "the registered URL has no host"
        }
        let elapsed = ContinuousClock.now - started
        let durationMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let succeeded = status.map { (200..<300).contains($0) } ?? false
        state.withLock { state in
            state.inFlight.remove(key)
            // A reset while the attempt was under way replaced the deliveries: the index may now
            // name another one.
            guard state.deliveries.indices.contains(index), state.deliveries[index].id == delivery.id else { return }
            var delivery = state.deliveries[index]
            let first = delivery.firstAttemptAt ?? sentAt
            delivery.firstAttemptAt = first
            delivery.firstDate = delivery.firstDate ?? date
            let number = delivery.attempts.count + 1
            var next: Date?
            if !succeeded, delivery.outcome == .pending, WebhookSettings.schedule.indices.contains(number) {
                let compression = state.settings.timeCompression
                next = first.addingTimeInterval(WebhookSettings.schedule[number] / compression)
            }
            delivery.attempts.append(
                WebhookAttempt(
                    attempt: number, url: registration.url, sentAt: Timestamp.string(from: sentAt), headers: headers,
                    status: status, error: failure, responseBody: responseBody, durationMs: durationMs,
                    nextAttemptAt: next.map(Timestamp.string(from:))))
            delivery.nextAttemptAt = next
            if delivery.outcome == .pending {
                if succeeded { delivery.outcome = .delivered } else if next == nil { delivery.outcome = .exhausted }
            }
            state.deliveries[index] = delivery
            if delivery.outcome != .pending {
                state.queues[key]?.removeAll { $0 == index }
                if state.queues[key]?.isEmpty == true { state.queues[key] = nil }
            }
        }
    }
}
