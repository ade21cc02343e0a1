/// A payment's identity at Vipps: the orderId is unique per sales unit, not globally (reference §4.1).
struct PaymentKey: Hashable, Sendable {
    var merchantSerialNumber: String
    var orderId: String
}
