/// `shippingDetails` of the express callback (docs/ecom-v2.md#payment-update-callback): the address uses `zipCode`
/// there, and `shippingCost` is NOK.
struct ExpressShippingDetails: Encodable {
    struct Address: Encodable {
        let addressLine1: String
        let addressLine2: String?
        let city: String
        let country: String
        let zipCode: String
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
            country: choice.address.country,
            zipCode: choice.address.postCode
        )
        shippingCost = choice.shipping.costNOK
        shippingMethod = choice.shipping.method
        shippingMethodId = choice.shipping.id
    }
}
