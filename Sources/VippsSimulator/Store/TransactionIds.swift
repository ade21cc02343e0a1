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

    /// The one new id a change may take. It is only reserved when the change has taken it and
    /// succeeded: a refused change leaves the ids as they were.
    struct Offer {
        let id: String
        private(set) var isTaken = false

        mutating func take() -> String {
            isTaken = true
            return id
        }
    }

    /// Runs a change that may take a new id (`offer.take()`) and may be refused.
    mutating func takingIfSucceeds<T, E: Error>(_ change: (inout Offer) throws(E) -> T) throws(E) -> T {
        var offer = Offer(id: unused())
        let result = try change(&offer)
        if offer.isTaken { use(offer.id) }
        return result
    }

    /// `unused()` and `use(_:)` in one, for a change that cannot fail once it has the id.
    mutating func take() -> String {
        let id = unused()
        use(id)
        return id
    }
}
