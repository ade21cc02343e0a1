/// Vipps' answer to capture, refund, cancel (and the deprecated status): the operation's own
/// transaction and the payment's amounts after it.
public struct PaymentTransaction: Sendable {
    public let orderId: String
    /// As Vipps spelled it: "Captured", "Refund", "Cancelled" (status: "RESERVE", "CAPTURE", ...).
    public let status: String
    public let amount: Int64
    public let transactionId: String
    public let transactionText: String
    public let timestamp: String
    public let capturedAmount: Int64
    public let remainingToCapture: Int64
    public let refundedAmount: Int64
    public let remainingToRefund: Int64
    /// The X-Request-Id the call used ("" when it had none): keep it with the order to repeat
    /// the operation safely after a crash.
    public let requestId: String
    /// The response body as Vipps sent it.
    public let json: String

    /// Reads `transactionInfo` (capture, cancel, status) or `transaction` (refund, docs/ecom-v2.md#refund-answer-key).
    /// `package`: fuzzed directly (Sources/vipps-fuzz).
    package static func parse(_ bytes: [UInt8], orderId: String, requestId: String) throws(VippsError)
        -> PaymentTransaction
    {
        guard let body = JSONValue.parse(bytes), case .object = body else {
            throw VippsError(.protocolError, "\(orderId): Vipps' answer is not a JSON object")
        }
        let info = body["transactionInfo"] ?? body["transaction"]
        let summary = body["transactionSummary"]
        return PaymentTransaction(
            orderId: body["orderId"]?.text ?? orderId,
            status: info?["status"]?.text ?? "",
            amount: info?["amount"]?.integerValue ?? 0,
            transactionId: info?["transactionId"]?.text ?? "",
            transactionText: info?["transactionText"]?.text ?? "",
            timestamp: info?["timeStamp"]?.text ?? "",
            capturedAmount: summary?["capturedAmount"]?.integerValue ?? 0,
            remainingToCapture: summary?["remainingAmountToCapture"]?.integerValue ?? 0,
            refundedAmount: summary?["refundedAmount"]?.integerValue ?? 0,
            remainingToRefund: summary?["remainingAmountToRefund"]?.integerValue ?? 0,
            requestId: requestId,
            json: String(decoding: bytes, as: UTF8.self))
    }

    /// A cancel whose answer was lost but which the details show as done.
    static func cancelled(from details: PaymentDetails, text: String) -> PaymentTransaction {
        let entry = details.log.first(where: { $0.success && ($0.operation == "CANCEL" || $0.operation == "VOID") })
        return PaymentTransaction(
            orderId: details.orderId, status: "Cancelled", amount: entry?.amount ?? details.amount,
            transactionId: entry?.transactionId ?? "", transactionText: entry?.transactionText ?? text,
            timestamp: entry?.timestamp ?? "", capturedAmount: details.capturedAmount,
            remainingToCapture: details.remainingToCapture, refundedAmount: details.refundedAmount,
            remainingToRefund: details.remainingToRefund, requestId: "", json: details.json)
    }
}
