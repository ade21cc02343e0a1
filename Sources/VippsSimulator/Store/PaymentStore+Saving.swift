import Foundation

/// With a state file (`restore(from:)`), every change is saved: a copy of the state is taken under the
/// lock (cheap: its collections are copied on write), and encoded and written after the lock is released.
extension PaymentStore {
    /// Loads the state file (none yet means an empty state) and saves every change to it from now on.
    /// It is written once at once, so that an unwritable location fails at start-up rather than at
    /// the first payment. Settings of sales units that are no longer configured are dropped.
    func restore(from file: StateFile) throws(StateFileError) {
        let stored = try file.load()
        var restored: [(PaymentKey, Payment)] = []
        for (index, storedPayment) in (stored?.payments ?? []).enumerated() {
            guard let payment = storedPayment.payment() else {
                throw StateFileError(
                    path: file.url.path, reason: "payments[\(index)] has no log or repeats an X-Request-Id")
            }
            let key = PaymentKey(merchantSerialNumber: payment.merchantSerialNumber, orderId: payment.orderId)
            guard !restored.contains(where: { $0.0 == key }) else {
                throw StateFileError(
                    path: file.url.path, reason: "order '\(key.orderId)' of \(key.merchantSerialNumber) is stored twice"
                )
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
                state.transactionIds = TransactionIds(of: restored.map(\.1))
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
    func change<T: Sendable, E: Error>(_ body: (inout State) throws(E) -> T) throws(E) -> T {
        try change(savingIf: { _ in true }, body)
    }

    /// `change` for a body that often changes nothing: saves only when `changed` says the result
    /// is a change.
    func change<T: Sendable, E: Error>(
        savingIf changed: (T) -> Bool,
        _ body: (inout State) throws(E) -> T
    ) throws(E) -> T {
        let (result, snapshot) = try state.withLock { state throws(E) in
            let result = try body(&state)
            return (result, changed(result) ? Self.snapshot(&state) : nil)
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
        let payments = snapshot.keys.compactMap { snapshot.payments[$0] }.map(StoredPayment.init)
        return StoredState(
            version: payments.contains { $0.ePayment != nil } ? StoredState.currentVersion : 1,
            clockOffsetSeconds: (clock as? OffsetClock)?.movedBy ?? 0,
            merchants: snapshot.merchants,
            requestCounts: snapshot.requestCounts,
            payments: payments
        )
    }
}
