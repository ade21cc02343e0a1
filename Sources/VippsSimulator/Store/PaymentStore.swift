import Foundation
import Synchronization

/// The simulator's saved state — payments, per-sales-unit settings, request counts — behind one lock,
/// so that every request sees and changes it atomically and a reset forgets it at once. Requests are
/// short and never wait on I/O while holding the lock.
///
/// The store speaks the domain's language and throws `BackendError`s; HTTP stays in the routes. Each
/// feature adds its own acts in an extension beside its routes (`PaymentStore+Initiate.swift` in
/// ECom/Initiate/, `PaymentStore+Operations.swift` in ECom/Operations/, …); this file holds what they
/// share: the state, finding a payment, and changing one. Saving is in `PaymentStore+Saving.swift`.
public final class PaymentStore: Sendable {
    struct State {
        var payments: [PaymentKey: Payment] = [:]
        /// Initiation order, for listings.
        var keys: [PaymentKey] = []
        var merchants: [String: MerchantSettings]
        /// Capture, refund and cancel requests per orderId of the path, counted on arrival.
        var requestCounts: [String: RequestCounts] = [:]
        /// Every transaction id the payments use, so that a new one is checked in one lookup.
        var transactionIds = TransactionIds()
        /// Where changes are saved; nil without `--state-file`.
        var stateFile: StateFile?
        /// Counts saved changes, so that the file never goes back to an older snapshot.
        var generation: UInt64 = 0
        /// No payment waiting for the user falls due before this time; nil until the next scan
        /// (see `expireOverduePayments`).
        var noExpiryBefore: Date?
    }

    let clock: any SimulatorClock
    /// The configured sales units, the default (first) one first.
    let merchantSerialNumbers: [String]
    /// The market of each sales unit that is not Norwegian (configuration, not saved state).
    let markets: [String: Market]
    /// Read with `state.withLock`, changed with `change` (which saves): the extensions of the
    /// store in the feature folders use both.
    let state: Mutex<State>

    init(merchantSerialNumbers: [String], markets: [String: Market] = [:], clock: any SimulatorClock) {
        self.clock = clock
        self.merchantSerialNumbers = merchantSerialNumbers
        self.markets = markets
        let merchants = Dictionary(
            merchantSerialNumbers.map { ($0, MerchantSettings()) }, uniquingKeysWith: { first, _ in first })
        state = Mutex(State(merchants: merchants))
    }

    /// The payment with this orderId for the given MSN or, without one, for any of the configured sales
    /// units (all of them are reachable with the one subscription key the simulator has).
    func payment(orderId: String, merchantSerialNumber: String?) throws(BackendError) -> Payment {
        try state.withLock { state throws(BackendError) in
            try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state).payment
        }
    }

    /// The payment as eCom's merchant endpoints see it: an ePayment-created one does not exist for
    /// them, as at Vipps (docs/epayment.md, "One store for both APIs").
    func eComPayment(orderId: String, merchantSerialNumber: String?) throws(BackendError) -> Payment {
        try state.withLock { state throws(BackendError) in
            try findECom(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state).payment
        }
    }

    /// Every payment, oldest first.
    func allPayments() -> [Payment] {
        state.withLock { state in state.keys.compactMap { state.payments[$0] } }
    }

    /// Forgets all payments and request counts; sales-unit settings stay as they are.
    func reset() {
        change { state in
            state.payments = [:]
            state.keys = []
            state.transactionIds = TransactionIds()
            state.noExpiryBefore = nil
            state.requestCounts = [:]
        }
    }

    /// Lets `changeOne` alter one payment under the lock, with the time and its sales unit's settings.
    func changePayment<T: Sendable>(
        orderId: String,
        merchantSerialNumber: String?,
        _ changeOne: (inout Payment, Date, MerchantSettings) throws(BackendError) -> T
    ) throws(BackendError) -> T {
        try change { state throws(BackendError) in
            let now = clock.now()
            let found = try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
            var payment = found.payment
            let result = try changeOne(
                &payment, now, state.merchants[found.key.merchantSerialNumber] ?? MerchantSettings())
            state.payments[found.key] = payment
            return result
        }
    }

    func market(of merchantSerialNumber: String) -> Market {
        markets[merchantSerialNumber] ?? .norway
    }

    /// Adds a new payment, waiting for its user, under the lock (initiate and ePayment create).
    static func insert(_ payment: Payment, key: PaymentKey, at now: Date, into state: inout State) {
        state.payments[key] = payment
        state.keys.append(key)
        // The clock may have been moved back: this payment can be due before the others.
        let due = payment.userDeadline
        if let next = state.noExpiryBefore, due < next { state.noExpiryBefore = due }
    }

    func find(
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

    /// `find` for eCom's merchant endpoints, which answer for an ePayment-created payment as for none.
    func findECom(
        orderId: String,
        merchantSerialNumber: String?,
        in state: State
    ) throws(BackendError) -> (key: PaymentKey, payment: Payment) {
        let found = try find(orderId: orderId, merchantSerialNumber: merchantSerialNumber, in: state)
        guard found.payment.ePayment == nil else {
            throw .orderNotFound(orderId, merchantSerialNumber: found.key.merchantSerialNumber)
        }
        return found
    }
}

/// A payment's identity at Vipps: the orderId is unique per sales unit, not globally (docs/ecom-v2.md#initiate).
struct PaymentKey: Hashable, Sendable {
    var merchantSerialNumber: String
    var orderId: String
}
