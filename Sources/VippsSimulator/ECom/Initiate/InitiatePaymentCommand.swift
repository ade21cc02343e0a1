/// The initiate request body as sent (`InitiatePaymentCommand` of the OpenAPI file).
///
/// Every field is optional here: decoding only checks JSON types (a wrong type is a 500, as at Vipps),
/// and `InitiationValidator` then reports missing or invalid fields by name (a 400). Unknown fields,
/// such as the `transaction.timeStamp` older clients send, are ignored.
struct InitiatePaymentCommand: Decodable {
    struct CustomerInfo: Decodable {
        var mobileNumber: String?
    }

    struct MerchantInfo: Decodable {
        var merchantSerialNumber: String?
        var callbackPrefix: String?
        var fallBack: String?
        var authToken: String?
        var isApp: Bool?
        var paymentType: String?
        var consentRemovalPrefix: String?
        var shippingDetailsPrefix: String?
        var staticShippingDetails: [JSONValue]?
    }

    struct Transaction: Decodable {
        var orderId: String?
        var amount: Int?
        var transactionText: String?
        var skipLandingPage: Bool?
        var scope: String?
        // `useExplicitCheckoutFlow` has had no effect since March 2023 and `additionalData` (airline data)
        // is not interpreted by the simulator; both are accepted and ignored.
    }

    var customerInfo: CustomerInfo?
    var merchantInfo: MerchantInfo?
    var transaction: Transaction?
}
