import Foundation
import Synchronization

/// All of the simulator's mutable state — payments, issued access tokens, per-sales-unit settings —
/// behind one lock, so that every request sees and changes it atomically and a reset forgets all of it
/// at once. Requests are short and never wait on I/O while holding the lock.
///
/// With a state file (`restore(from:)`), every change is saved: a copy of the state is taken under the
/// lock (cheap: its collections are copied on write), and encoded and written after the lock is released.
///
/// The store speaks the domain's language and throws `BackendError`s; HTTP stays in the routes.
public final class PaymentStore: Sendable {
    private struct State {
        var payments: [PaymentKey: Payment] = [:]
        /// Initiation order, for listings.
        var keys: [PaymentKey] = []
        var accessTokens: [String: AccessToken] = [:]
        var merchants: [String: MerchantSettings]
        /// Capture, refund and cancel requests per orderId of the path, counted on arrival.
        var requestCounts: [String: RequestCounts] = [:]
        /// Where changes are saved; nil without `--state-file`.
        var stateFile: StateFile?
        /// Counts saved changes, so that the file never goes back to an older snapshot.
        var generation: UInt64 = 0
        /// No payment waiting for the user falls due before this time; nil until the next scan
        /// (see `expireWaitingPayments`).
        var noExpiryBefore: Date?
    }

    public let clock: any SimulatorClock
    /// The configured sales units, the default (first) one first.
    public let merchantSerialNumbers: [String]
    private let state: Mutex<State>

    public init(merchantSerialNumbers: [String], clock: any SimulatorClock) {
        self.clock = clock
        self.merchantSerialNumbers = merchantSerialNumbers
        let merchants = Dictionary(merchantSerialNumbers.map { ($0, MerchantSettings()) }, uniquingKeysWith: { first, _ in first })
        state = Mutex(State(merchants: merchants))
    }

    // MARK: Sales units

    public func isKnownMerchant(_ merchantSerialNumber: String) -> Bool {
        state.withLock { $0.merchants[merchantSerialNumber] != nil }
    }

    public func settings(forMerchant merchantSerialNumber: String) -> MerchantSettings? {
        state.withLock { $0.merchants[merchantSerialNumber] }
    }

    /// Every configured sales unit's settings.
    public func allMerchantSettings() -> [String: MerchantSettings] {
        state.withLock { $0.merchants }
    }

    public func updateSettings(forMerchant merchantSerialNumber: String, _ update: (inout MerchantSettings) -> Void) {
        change { state in
            guard var settings = state.merchants[merchantSerialNumber] else { return }
            update(&settings)
            state.merchants[merchantSerialNumber] = settings
        }
    }

    // MARK: Access tokens

    /// Issues a token valid for `lifetime` seconds from now. Several tokens may be valid at once, as at Vipps.
    func issueAccessToken(lifetime: TimeInterval) -> AccessToken {
        let now = clock.now()
        let expiry = now.addingTimeInterval(lifetime)
        let token = AccessToken(value: AccessTokenFactory.makeToken(issuedAt: now, expiresAt: expiry), issuedAt: now, expiresAt: expiry)
        state.withLock { state in
            // Forget expired tokens here, so that a long-running simulator does not grow without bound.
            state.accessTokens = state.accessTokens.filter { $0.value.expiresAt > now }
            state.accessTokens[token.value] = token
        }
        return token
    }

    func isValidAccessToken(_ value: String) -> Bool {
        let now = clock.now()
        return state.withLock { $0.accessTokens[value]?.isValid(at: now) ?? false }
    }

    // MARK: Payments

    /// Stores a new payment with its INITIATE line. `makeURL` turns the new landing token into the URL
    /// returned to the merchant.
    func initiate(_ initiation: PaymentInitiation, makeURL: (_ landingToken: String) -> String) throws(BackendError) -> Payment {
        let msn = initiation.merchantSerialNumber
        let now = clock.now()
        return try change { state throws(BackendError) in
            guard let merchant = state.merchants[msn] else { throw .invalidMerchantSerialNumber(msn) }
            if initiation.skipLandingPage {
                guard merchant.maySkipLandingPage else { throw .skipLandingPageNotAllowed(merchantSerialNumber: msn) }
                guard initiation.mobileNumber != nil else {
                    throw .invalidRequest(
                        field: "customerInfo.mobileNumber",
                        "customerInfo.mobileNumber is required when transaction.skipLandingPage is true."
                    )
                }
            }
            let key = PaymentKey(merchantSerialNumber: msn, orderId: initiation.orderId)
            guard state.payments[key] == nil else { throw .duplicateOrderId(initiation.orderId, merchantSerialNumber: msn) }

            let landingToken = RandomIdentifiers.landingToken()
            var payment = Payment(
                initiation: initiation,
                landingToken: landingToken,
                url: makeURL(landingToken),
                transactionId: Self.unusedTransactionId(in: state),
                initiatedAt: now
            )
            // skipLandingPage pushes to the given number at once (reference §11, POS).
            if initiation.skipLandingPage { payment.pushedTo = initiation.mobileNumber }
            state.payments[key] = payment
            state.keys.append(key)
            // The clock may have been moved back: this payment can be due before the others.
            let due = now.addingTimeInterval(Payment.userLifetime)
            if let next = state.noExpiryBefore, due < next { state.noExpiryBefore = due }
            return payment
        }
    }

    /// The payment with this orderId for the given MSN or, without one, for any of the configured sales
    /// units (all of them are reachable with the one subscription key the simulator has).
    func payment(orderId: String, merchantSerialNumber: String?) throws(BackendError) -> Payment {
        try state.withLock { state throws(BackendError) in
            try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state).payment
        }
    }

    /// Force approve (test environment only at Vipps): the user accepts, the amount is reserved.
    func forceApprove(
        orderId: String,
        merchantSerialNumber: String?,
        landingToken: String,
        customerPhoneNumber: String?,
        requestId: String
    ) throws(BackendError) -> Payment {
        let now = clock.now()
        return try change { state throws(BackendError) in
            let found = try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            // Vipps' force approve supports neither express checkout nor skipLandingPage (reference §4.7).
            guard payment.initiation.paymentType == .regular else {
                throw .transactionNotAllowed("Force approve does not support express payments.")
            }
            guard !payment.initiation.skipLandingPage else {
                throw .transactionNotAllowed("Force approve does not support payments with skipLandingPage.")
            }
            guard payment.landingToken == landingToken else {
                throw .invalidRequest(field: "token", "token does not match the token of the payment's url.")
            }
            let directCapture = state.merchants[found.key.merchantSerialNumber]?.directCapture ?? false
            try payment.reserve(at: now, requestId: requestId, customerPhoneNumber: customerPhoneNumber, directCapture: directCapture)
            state.payments[found.key] = payment
            return payment
        }
    }

    /// Capture. The idempotency check and the capture happen under the one lock, so concurrent
    /// identical requests capture once and concurrent different ones never capture more than reserved.
    func capture(orderId: String, _ action: PaymentAction) throws(BackendError) -> OperationOutcome {
        try update(orderId: orderId, merchantSerialNumber: action.merchantSerialNumber) { payment, now, newId throws(BackendError) in
            try payment.capture(action, at: now, newTransactionId: newId)
        }
    }

    /// Refund, under the lock like capture.
    func refund(orderId: String, _ action: PaymentAction) throws(BackendError) -> OperationOutcome {
        try update(orderId: orderId, merchantSerialNumber: action.merchantSerialNumber) { payment, now, newId throws(BackendError) in
            try payment.refund(action, at: now, newTransactionId: newId)
        }
    }

    func cancel(orderId: String, _ action: CancelAction) throws(BackendError) -> OperationOutcome {
        try update(orderId: orderId, merchantSerialNumber: action.merchantSerialNumber) { payment, now, newId throws(BackendError) in
            try payment.cancel(action, at: now, newTransactionId: newId)
        }
    }

    /// The user rejects the payment in the app (control API test hook).
    func reject(orderId: String, merchantSerialNumber: String?) throws(BackendError) -> Payment {
        let now = clock.now()
        return try change { state throws(BackendError) in
            let found = try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            try payment.reject(at: now)
            state.payments[found.key] = payment
            return payment
        }
    }

    /// Counts a capture, refund or cancel request on arrival, before anything can refuse it.
    func countRequest(_ operation: TransactionOperation, orderId: String) {
        change { state in
            var counts = state.requestCounts[orderId] ?? RequestCounts()
            switch operation {
            case .capture: counts.capture += 1
            case .refund: counts.refund += 1
            case .cancel, .void: counts.cancel += 1
            default: return
            }
            state.requestCounts[orderId] = counts
        }
    }

    /// The requests counted for an orderId, whichever sales unit it belongs to.
    public func requestCounts(orderId: String) -> RequestCounts {
        state.withLock { $0.requestCounts[orderId] ?? RequestCounts() }
    }

    /// Every payment, oldest first.
    public func allPayments() -> [Payment] {
        state.withLock { state in state.keys.compactMap { state.payments[$0] } }
    }

    /// Forgets all payments, access tokens and request counts; sales-unit settings stay as they are.
    public func reset() {
        change { state in
            state.payments = [:]
            state.keys = []
            state.noExpiryBefore = nil
            state.accessTokens = [:]
            state.requestCounts = [:]
        }
    }

    // MARK: The user's side (see PaymentStore+UserSide.swift)

    /// Lets `change` alter one payment under the lock, with the time and its sales unit's settings.
    func changePayment<T: Sendable>(
        orderId: String,
        merchantSerialNumber: String?,
        _ changeOne: (inout Payment, Date, MerchantSettings) throws(BackendError) -> T
    ) throws(BackendError) -> T {
        try change { state throws(BackendError) in
            let now = clock.now()
            let found = try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            let result = try changeOne(&payment, now, state.merchants[found.key.merchantSerialNumber] ?? MerchantSettings())
            state.payments[found.key] = payment
            return result
        }
    }

    /// Lets `expire` end each payment that has waited for the user `lifetime` or longer, oldest
    /// first, under the lock; returns the ones it changed (only a change is saved). Runs before
    /// every request, so it remembers the earliest time a waiting payment falls due and returns
    /// at once before then: scanning every payment each time made the simulator slower with each
    /// payment it held.
    func expireWaitingPayments(lifetime: TimeInterval, _ expire: (inout Payment) -> Bool) -> [Payment] {
        let now = clock.now()
        let (changed, snapshot) = state.withLock { state in
            if let next = state.noExpiryBefore, now < next { return ([Payment](), nil as State?) }
            var changed: [Payment] = []
            var next = Date.distantFuture
            for key in state.keys {
                guard var payment = state.payments[key], payment.isAwaitingUser else { continue }
                let due = payment.initiatedAt.addingTimeInterval(lifetime)
                if now >= due, expire(&payment) {
                    state.payments[key] = payment
                    changed.append(payment)
                } else {
                    next = min(next, due)
                }
            }
            state.noExpiryBefore = next
            return (changed, changed.isEmpty ? nil : Self.snapshot(&state))
        }
        if let snapshot { save(snapshot) }
        return changed
    }

    // MARK: Saving (see StateFile.swift)

    /// Loads the state file (none yet means an empty state) and saves every change to it from now on.
    /// It is written once at once, so that an unwritable location fails at start-up rather than at
    /// the first payment. Access tokens issued before are kept in memory; settings of sales units that
    /// are no longer configured are dropped.
    public func restore(from file: StateFile) throws(StateFileError) {
        let stored = try file.load()
        var restored: [(PaymentKey, Payment)] = []
        for (index, storedPayment) in (stored?.payments ?? []).enumerated() {
            guard let payment = storedPayment.payment() else {
                throw StateFileError(path: file.url.path, reason: "payments[\(index)] has no log or repeats an X-Request-Id")
            }
            let key = PaymentKey(merchantSerialNumber: payment.merchantSerialNumber, orderId: payment.orderId)
            guard !restored.contains(where: { $0.0 == key }) else {
                throw StateFileError(path: file.url.path, reason: "order '\(key.orderId)' of \(key.merchantSerialNumber) is stored twice")
            }
            restored.append((key, payment))
        }
        if let stored, let clock = clock as? OffsetClock {
            // Before any request: timestamps written from now on continue where the last run stopped.
            clock.setMovedBy(stored.clockOffsetSeconds)
        }
        let snapshot = state.withLock { state in
            if let stored {
                state.payments = Dictionary(restored, uniquingKeysWith: { first, _ in first })
                state.keys = restored.map(\.0)
                state.noExpiryBefore = nil
                for (msn, settings) in stored.merchants where state.merchants[msn] != nil {
                    state.merchants[msn] = settings
                }
                state.requestCounts = stored.requestCounts
            }
            state.stateFile = file
            return Self.snapshot(&state)
        }
        if let snapshot, let file = snapshot.stateFile {
            try file.save(storedState(of: snapshot), generation: snapshot.generation)
        }
    }

    /// The clock moved (control API): its offset is part of the saved state.
    func clockDidMove() {
        change { _ in }
    }

    /// Runs `body` under the lock and, with a state file, saves the result once the lock is released.
    /// A change that throws changed nothing and saves nothing.
    private func change<T: Sendable, E: Error>(_ body: (inout State) throws(E) -> T) throws(E) -> T {
        let (result, snapshot) = try state.withLock { state throws(E) in
            let result = try body(&state)
            return (result, Self.snapshot(&state))
        }
        if let snapshot { save(snapshot) }
        return result
    }

    /// A copy of the state to save, numbered; nil without a state file. Call under the lock.
    private static func snapshot(_ state: inout State) -> State? {
        guard state.stateFile != nil else { return nil }
        state.generation += 1
        return state
    }

    /// Saves outside the lock. A failed save cannot undo the change the request made, so it is
    /// reported on stderr and the next change tries again.
    private func save(_ snapshot: State) {
        guard let file = snapshot.stateFile else { return }
        do {
            try file.save(storedState(of: snapshot), generation: snapshot.generation)
        } catch {
            StandardError.writeLine("vipps-sim: cannot save the state: \(error)")
        }
    }

    private func storedState(of snapshot: State) -> StoredState {
        StoredState(
            clockOffsetSeconds: (clock as? OffsetClock)?.movedBy ?? 0,
            merchants: snapshot.merchants,
            requestCounts: snapshot.requestCounts,
            payments: snapshot.keys.compactMap { snapshot.payments[$0] }.map(StoredPayment.init)
        )
    }

    // MARK: Helpers

    /// Finds the payment for an operation in the body's sales unit, lets `operation` change it, and
    /// stores it — all under the lock. A body MSN that is not configured is refused as at initiate.
    private func update(
        orderId: String,
        merchantSerialNumber: String,
        _ operation: (inout Payment, Date, () -> String) throws(BackendError) -> OperationOutcome
    ) throws(BackendError) -> OperationOutcome {
        try change { state throws(BackendError) in
            // Read under the lock, so that the log's timestamps run in the order of its lines even when
            // requests race.
            let now = clock.now()
            guard state.merchants[merchantSerialNumber] != nil else { throw .invalidMerchantSerialNumber(merchantSerialNumber) }
            let found = try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            let outcome = try operation(&payment, now) { Self.unusedTransactionId(in: state) }
            state.payments[found.key] = payment
            return outcome
        }
    }

    private func find(
        orderId: String,
        merchantSerialNumber: String?,
        in state: State
    ) throws(BackendError) -> (key: PaymentKey, payment: Payment) {
        let candidates = merchantSerialNumber.map { [$0] } ?? merchantSerialNumbers
        for msn in candidates {
            let key = PaymentKey(merchantSerialNumber: msn, orderId: orderId)
            if let payment = state.payments[key] { return (key, payment) }
        }
        throw .orderNotFound(orderId, merchantSerialNumber: merchantSerialNumber ?? merchantSerialNumbers.first ?? "")
    }

    private static func unusedTransactionId(in state: State) -> String {
        while true {
            let id = RandomIdentifiers.transactionId()
            let used = state.payments.values.contains { payment in payment.log.contains { $0.transactionId == id } }
            if !used { return id }
        }
    }
}

/// A payment's identity at Vipps: the orderId is unique per sales unit, not globally (reference §4.1).
struct PaymentKey: Hashable, Sendable {
    var merchantSerialNumber: String
    var orderId: String
}
