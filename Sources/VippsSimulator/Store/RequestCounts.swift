/// How many capture, refund and cancel requests arrived for one orderId, whatever became of them
/// (refused, faulted, dropped): the control API shows them so that a test can check that a client's
/// retries really reached the server.
struct RequestCounts: Sendable, Equatable, Codable {
    var capture = 0
    var refund = 0
    var cancel = 0

    init() {}
}

extension PaymentStore {
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
    func requestCounts(orderId: String) -> RequestCounts {
        state.withLock { $0.requestCounts[orderId] ?? RequestCounts() }
    }
}
