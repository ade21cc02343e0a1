/// The body of the shipping-details call, `POST {shippingDetailsPrefix}/v2/payments/{orderId}/shippingDetails`
/// (`ShippingCostAndMethod`, reference §5.3). `addressLine2` is sent as `null` when absent, as in the
/// guide's example.
struct ShippingDetailsRequest: Encodable {
    let address: CannedAddress

    private enum Key: String, CodingKey {
        case addressId, addressLine1, addressLine2, city, country, postCode, addressType
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(address.id, forKey: .addressId)
        try container.encode(address.addressLine1, forKey: .addressLine1)
        try container.encode(address.addressLine2, forKey: .addressLine2)
        try container.encode(address.city, forKey: .city)
        try container.encode(address.country, forKey: .country)
        try container.encode(address.postCode, forKey: .postCode)
        try container.encode(address.addressType, forKey: .addressType)
    }
}
