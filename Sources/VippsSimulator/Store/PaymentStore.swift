import Foundation
import Synchronization

/// All of the simulator's mutable state — payments, issued access tokens, per-sales-unit settings —
/// behind one lock, so that every request sees and changes it atomically and a reset forgets all of it
/// at once. Requests are short and never wait on I/O while holding the lock.
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
        state.withLock { state in
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
        return try state.withLock { state throws(BackendError) in
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
        return try state.withLock { state throws(BackendError) in
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
        return try state.withLock { state throws(BackendError) in
            let found = try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            try payment.reject(at: now)
            state.payments[found.key] = payment
            return payment
        }
    }

    /// Counts a capture, refund or cancel request on arrival, before anything can refuse it.
    func countRequest(_ operation: TransactionOperation, orderId: String) {
        state.withLock { state in
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
        state.withLock { state in
            state.payments = [:]
            state.keys = []
            state.accessTokens = [:]
            state.requestCounts = [:]
        }
    }

    // MARK: The user's side (see PaymentStore+UserSide.swift)

    /// Lets `change` alter one payment under the lock, with the time and its sales unit's settings.
    func changePayment<T>(
        orderId: String,
        merchantSerialNumber: String?,
        _ change: (inout Payment, Date, MerchantSettings) throws(BackendError) -> T
    ) throws(BackendError) -> T {
        try state.withLock { state throws(BackendError) in
            let now = clock.now()
            let found = try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            let result = try change(&payment, now, state.merchants[found.key.merchantSerialNumber] ?? MerchantSettings())
            state.payments[found.key] = payment
            return result
        }
    }

    /// Lets `change` alter every payment, oldest first, under the lock; returns the ones it changed.
    func changeAllPayments(_ change: (inout Payment, Date) -> Bool) -> [Payment] {
        state.withLock { state in
            let now = clock.now()
            var changed: [Payment] = []
            for key in state.keys {
                guard var payment = state.payments[key], change(&payment, now) else { continue }
                state.payments[key] = payment
                changed.append(payment)
            }
            return changed
        }
    }

    // MARK: Helpers

    /// Finds the payment for an operation in the body's sales unit, lets `operation` change it, and
    /// stores it — all under the lock. A body MSN that is not configured is refused as at initiate.
    private func update(
        orderId: String,
        merchantSerialNumber: String,
        _ operation: (inout Payment, Date, () -> String) throws(BackendError) -> OperationOutcome
    ) throws(BackendError) -> OperationOutcome {
        try state.withLock { state throws(BackendError) in
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
