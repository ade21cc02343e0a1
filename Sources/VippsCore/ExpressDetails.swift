/// What an express checkout adds to a payment, as Vipps sends it in a callback and in the
/// details: the chosen shipping and address, and the customer (whose details a regular payment
/// that asked for profile data carries too).
public struct ExpressDetails: Sendable {
    /// True when the body has shippingDetails.
    public let hasShipping: Bool
    public let shippingMethodId: String?
    public let shippingMethod: String?
    /// Vipps sends NOK with decimals; converted to øre (0 without shipping details).
    public let shippingCostInOre: Int64
    public let address: PaymentCallback.Address?
    public let firstName: String?
    public let lastName: String?
    public let email: String?
    public let phoneNumber: String?
    public let userId: String?

    /// Reads `shippingDetails` and `userDetails` of a callback or details body.
    static func parse(_ body: JSONValue) -> ExpressDetails {
        let shipping = body["shippingDetails"]
        let user = body["userDetails"]
        let address = shipping?["address"].map { address in
            PaymentCallback.Address(
                line1: address["addressLine1"]?.text ?? "", line2: address["addressLine2"]?.text,
                city: address["city"]?.text ?? "",
                postCode: address["zipCode"]?.text ?? address["postCode"]?.text ?? "",
                country: address["country"]?.text ?? "")
        }
        return ExpressDetails(
            hasShipping: shipping != nil, shippingMethodId: shipping?["shippingMethodId"]?.text,
            shippingMethod: shipping?["shippingMethod"]?.text,
            shippingCostInOre: shipping?["shippingCost"].flatMap(PaymentCallback.oreFromKroner) ?? 0,
            address: address, firstName: user?["firstName"]?.text, lastName: user?["lastName"]?.text,
            email: user?["email"]?.text, phoneNumber: user?["mobileNumber"]?.text, userId: user?["userId"]?.text)
    }
}
