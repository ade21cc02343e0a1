/// A validated initiate request: what the merchant asked for, in the simulator's own terms.
struct PaymentInitiation: Sendable, Equatable, Codable {
    var merchantSerialNumber: String
    var orderId: String
    var amount: Int
    var transactionText: String
    var paymentType: PaymentType
    var isApp: Bool
    var skipLandingPage: Bool
    var callbackPrefix: String
    var fallBack: String
    /// Sent back verbatim as the callbacks' `Authorization` header; never shown in any output.
    var authToken: String?
    var consentRemovalPrefix: String?
    var shippingDetailsPrefix: String?
    var staticShippingDetails: [JSONValue]?
    var mobileNumber: String?
    var scope: String?
}

/// `merchantInfo.paymentType`; the raw values are the exact strings of the API (two m's in "eComm").
enum PaymentType: String, Sendable, Codable {
    case regular = "eComm Regular Payment"
    case express = "eComm Express Payment"
}
