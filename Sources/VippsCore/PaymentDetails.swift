import VippsHTTP

/// A payment as `GET /ecomm/v2/payments/{orderId}/details` reports it, with the state and
/// amounts derived once, so that every language binding shows the same numbers.
public struct PaymentDetails: Sendable {
    public struct LogEntry: Sendable, Equatable {
        /// INITIATE, RESERVE, SALE, CAPTURE, REFUND, CANCEL or VOID (upper-cased).
        public let operation: String
        public let amount: Int64
        public let success: Bool
        public let transactionId: String
        public let transactionText: String
        public let timestamp: String
        /// The X-Request-Id the merchant sent ("" for INITIATE and RESERVE).
        public let requestId: String
    }

    public let orderId: String
    public let state: PaymentState
    /// The amount reserved, in øre: the initiated amount, plus the chosen shipping for express.
    public let amount: Int64
    public let capturedAmount: Int64
    public let refundedAmount: Int64
    public let remainingToCapture: Int64
    public let remainingToRefund: Int64
    /// Newest first, as Vipps sends it.
    public let log: [LogEntry]
    /// Express shipping and the customer, when Vipps sent them.
    public let express: ExpressDetails
    /// The response body exactly as Vipps sent it.
    public let json: String
    /// On an ePayment client: the payment as ePayment reports it (currency, cancelled amount,
    /// ePayment's own state); nil on eCom.
    public internal(set) var ePayment: EPaymentPayment? = nil
    /// On an ePayment client: ePayment's event log, oldest first (`log` is the same history
    /// newest first, in eCom's operation names).
    public internal(set) var events: [EPaymentEvent] = []
    /// The customer's sub (ePayment's profile.sub, else a top-level sub), when Vipps sent one:
    /// taken while the body is parsed anyway, so that asking for it costs no second parse.
    public internal(set) var sub: String? = nil

    /// ePayment's profile.sub, or eCom's top-level sub, of a parsed body.
    static func sub(in body: JSONValue) -> String? {
        for value in [body["profile"]?["sub"], body["sub"]] {
            if case .string(let text)? = value, !text.isEmpty, !text.utf8.contains(0) { return text }
        }
        return nil
    }

    /// Reads a details body. Lenient about what Vipps varies (missing summary, numbers as
    /// strings, operation casing); strict only about what it needs (a log). `package`: fuzzed
    /// directly (Sources/vipps-fuzz).
    package static func parse(_ bytes: [UInt8], requestedOrderId: String) throws(VippsError) -> PaymentDetails {
        guard let body = JSONValue.parse(bytes), case .object = body else {
            throw VippsError(.protocolError, "details \(requestedOrderId): Vipps' answer is not a JSON object")
        }
        // Its strings reach C (order id, log texts, request ids): a NUL would cut them short.
        guard !body.containsNUL(parsedFrom: bytes) else {
            throw VippsError(.protocolError, "details \(requestedOrderId): Vipps' answer holds a NUL character")
        }
        let entries = (body["transactionLogHistory"]?.arrayValue ?? []).map { item in
            LogEntry(
                operation: (item["operation"]?.text ?? "").inCapitals,
                amount: item["amount"]?.integerValue ?? 0,
                success: item["operationSuccess"].map { $0 == .bool(true) || $0.text == "true" } ?? true,
                transactionId: item["transactionId"]?.text ?? "",
                transactionText: item["transactionText"]?.text ?? "",
                timestamp: item["timeStamp"]?.text ?? "",
                requestId: item["requestId"]?.text ?? "")
        }
        let summary = body["transactionSummary"]
        let succeeded = entries.filter(\.success)
        // The reserved amount once approved (express adds the chosen shipping to it), else the
        // initiated amount.
        let amount =
            succeeded.first(where: { $0.operation == "RESERVE" || $0.operation == "SALE" })?.amount
            ?? entries.last(where: { $0.operation == "INITIATE" })?.amount ?? 0
        // The summary is authoritative when present; before the user acts Vipps omits it.
        let captured =
            summary?["capturedAmount"]?.integerValue
            ?? sum(succeeded.filter { $0.operation == "CAPTURE" || $0.operation == "SALE" })
        let refunded =
            summary?["refundedAmount"]?.integerValue
            ?? sum(succeeded.filter { $0.operation == "REFUND" })
        let remainingToCapture = summary?["remainingAmountToCapture"]?.integerValue ?? 0
        let remainingToRefund =
            summary?["remainingAmountToRefund"]?.integerValue
            ?? max(0, captured.subtractingReportingOverflow(refunded).partialValue)
        let state = deriveState(
            log: entries, captured: captured, refunded: refunded,
            remainingToCapture: remainingToCapture)
        var details = PaymentDetails(
            orderId: body["orderId"]?.text ?? requestedOrderId, state: state, amount: amount,
            capturedAmount: captured, refundedAmount: refunded,
            remainingToCapture: remainingToCapture, remainingToRefund: remainingToRefund,
            log: entries, express: ExpressDetails.parse(body), json: String(decoding: bytes, as: UTF8.self))
        details.sub = sub(in: body)
        return details
    }

    /// Sums log amounts without trapping on hostile input: saturates instead of overflowing.
    private static func sum(_ entries: [LogEntry]) -> Int64 {
        entries.reduce(Int64(0)) { total, entry in
            let (result, overflow) = total.addingReportingOverflow(entry.amount)
            return overflow ? (entry.amount > 0 ? .max : .min) : result
        }
    }

    /// The merchant-facing state from the log and the amounts (docs/ecom-v2.md#payment-states to #amounts).
    static func deriveState(log: [LogEntry], captured: Int64, refunded: Int64, remainingToCapture: Int64)
        -> PaymentState
    {
        // A handful of names: comparing them beats hashing them into a Set.
        let done = log.filter(\.success).map(\.operation)
        let approved = done.contains("RESERVE") || done.contains("SALE")
        if done.contains("VOID") { return .voided }
        if !approved {
            if done.contains("CANCEL") { return .cancelled }
            if log.contains(where: { !$0.success && ($0.operation == "RESERVE" || $0.operation == "SALE") }) {
                return .failed
            }
            return log.isEmpty ? .unknown : .initiated
        }
        if refunded > 0 { return refunded >= captured ? .refunded : .partiallyRefunded }
        if captured > 0 { return remainingToCapture > 0 ? .partiallyCaptured : .captured }
        // Reserved, nothing captured, and then cancelled (released): no money will move.
        if done.contains("CANCEL") { return .voided }
        return .reserved
    }
}

extension VippsClient {
    /// GET /ecomm/v2/payments/{orderId}/details: the whole history and the amounts.
    public func paymentDetails(orderId: String) throws(VippsError) -> PaymentDetails {
        try paymentDetails(orderId: orderId, deadline: nil)
    }

    /// Details as one step of a larger call, within that call's `deadline`.
    func paymentDetails(orderId: String, deadline: MonotonicInstant?) throws(VippsError) -> PaymentDetails {
        if api == .ePayment { return try ePaymentDetails(orderId: orderId, deadline: deadline) }
        try Validation.orderId(orderId)
        let response = try perform(
            .get, "/ecomm/v2/payments/\(Self.pathSegment(orderId))/details",
            kind: .read, operation: "details \(orderId)", deadline: deadline)
        let details = try PaymentDetails.parse(response.body, requestedOrderId: orderId)
        pendingOperations.resolve(orderId: orderId, seenRequestIds: details.log.map(\.requestId))
        return details
    }
}

extension PaymentDetails {
    /// Whether `amount` øre (or `VippsClient.remainingAmount`) can be captured as this snapshot stands.
    public func checkCapture(amount: Int64) throws(VippsError) {
        try Self.checkCapture(amount: amount, state: state, remainingToCapture: remainingToCapture)
    }

    /// The same rule on values copied out of a snapshot, so that a binding that keeps the values
    /// and frees the snapshot need not restate it.
    public static func checkCapture(amount: Int64, state: PaymentState, remainingToCapture: Int64) throws(VippsError) {
        try Validation.operationAmount(amount)
        guard remainingToCapture > 0 else {
            throw .invalidArgument("amount", "nothing remains to capture (state \(state.name))")
        }
        guard amount <= remainingToCapture else {
            throw .invalidArgument(
                "amount", "\(amount) øre exceeds the \(remainingToCapture) øre that remain to capture")
        }
    }
}

extension String {
    /// `uppercased()`, without its Unicode case mapping when there is nothing to change: Vipps
    /// sends its operation and state names in capitals already.
    var inCapitals: String {
        let unchanged = utf8.allSatisfy { $0 < 0x80 && !($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) }
        return unchanged ? self : uppercased()
    }
}
