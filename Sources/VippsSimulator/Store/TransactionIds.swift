/// Where new transaction ids come from: random ten-digit numbers, never one a payment of the store
/// already uses. The ids in use are kept in a set, so each new id costs one lookup; checking them
/// by reading every payment's log made each new id slower than the last.
struct TransactionIds: Sendable {
    private var used: Set<String> = []

    init() {}

    /// The ids of payments restored from the state file.
    init(of payments: some Sequence<Payment>) {
        for payment in payments {
            for entry in payment.log { used.insert(entry.transactionId) }
        }
    }

    /// An id no payment uses; it stays free until `use(_:)` takes it.
    func unused() -> String {
        while true {
            let id = RandomIdentifiers.transactionId()
            if !used.contains(id) { return id }
        }
    }

    mutating func use(_ id: String) {
        used.insert(id)
    }

    /// `unused()` and `use(_:)` in one, for a change that cannot fail once it has the id.
    mutating func take() -> String {
        let id = unused()
        use(id)
        return id
    }
}
