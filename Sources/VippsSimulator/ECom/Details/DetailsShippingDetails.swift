/// `shippingDetails` of `/details` (`PaymentShippingDetails`): like the callback's, but the address
/// has `postCode` where the callback has `zipCode` (reference §5.2).
struct DetailsShippingDetails: Encodable {
    struct Address: Encodable {
        let addressLine1: String
        let addressLine2: String?
        let city: String
        let country: String
        let postCode: String
    }

    let address: Address
    let shippingCost: Double
    let shippingMethod: String
    let shippingMethodId: String

    init(_ choice: ExpressChoice) {
        address = Address(
            addressLine1: choice.address.addressLine1,
            addressLine2: choice.address.addressLine2,
            city: choice.address.city,
            // The details schema's Address.country is the enum ["Norway"]; callbacks and the
            // shipping-details request use "NO" (reference §15.6).
            country: "Norway",
            postCode: choice.address.postCode
        )
        shippingCost = choice.shipping.costNOK
        shippingMethod = choice.shipping.method
        shippingMethodId = choice.shipping.id
    }
}
