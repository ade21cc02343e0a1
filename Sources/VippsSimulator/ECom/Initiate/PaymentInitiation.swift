/// A validated initiate request: what the merchant asked for, in the simulator's own terms.
public struct PaymentInitiation: Sendable, Equatable, Codable {
    public var merchantSerialNumber: String
    public var orderId: String
    public var amount: Int
    public var transactionText: String
    public var paymentType: PaymentType
    public var isApp: Bool
    public var skipLandingPage: Bool
    public var callbackPrefix: String
    public var fallBack: String
    /// Sent back verbatim as the callbacks' `Authorization` header; never shown in any output.
    public var authToken: String?
    public var consentRemovalPrefix: String?
    public var shippingDetailsPrefix: String?
    public var staticShippingDetails: [JSONValue]?
    public var mobileNumber: String?
    public var scope: String?
}

/// `merchantInfo.paymentType`; the raw values are the exact strings of the API (two m's in "eComm").
public enum PaymentType: String, Sendable, Codable {
    case regular = "eComm Regular Payment"
    case express = "eComm Express Payment"
}
