import Foundation

/// The shipping options for an express payment and an address: the initiate's
/// `staticShippingDetails` when given (no round-trip, as Vipps recommends), otherwise the shop's
/// answer to the shipping-details call (docs/ecom-v2.md#shipping-details).
struct ShippingOptions: Sendable {
    let caller: ShopCaller

    /// docs/ecom-v2.md#shipping-details: the shop has 10 seconds.
    static let timeoutSeconds: Int64 = 10

    /// The options, by priority; empty means "No shipping methods found", which is what the app shows
    /// when the shop times out, fails or answers something unreadable.
    func options(for payment: Payment, address: CannedAddress) async -> [ShippingOption] {
        if let staticOptions = payment.initiation.staticShippingDetails {
            return ShippingOption.parseList(staticOptions)
        }
        guard let prefix = payment.initiation.shippingDetailsPrefix else { return [] }
        let answer = await caller.send(
            ShopCall(
                kind: .shippingDetails,
                orderId: payment.orderId,
                method: .POST,
                url: prefix + "/v2/payments/" + payment.orderId + "/shippingDetails",
                authorization: payment.initiation.authToken,
                body: ShopJSON.encode(ShippingDetailsRequest(address: address)),
                timeoutSeconds: Self.timeoutSeconds
            )
        )
        // Lenient: the echoed addressId and orderId are not checked, only the options are needed.
        guard let answer, (200..<300).contains(answer.status),
            case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: answer.body),
            case .array(let details)? = fields["shippingDetails"]
        else { return [] }
        return ShippingOption.parseList(details)
    }
}

/// The body of the shipping-details call, `POST {shippingDetailsPrefix}/v2/payments/{orderId}/shippingDetails`
/// (`ShippingCostAndMethod`, docs/ecom-v2.md#shipping-details). `addressLine2` is sent as `null` when absent, as in the
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
