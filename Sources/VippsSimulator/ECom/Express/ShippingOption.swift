/// One shipping option offered to the user: from `staticShippingDetails` or the shop's answer to the
/// shipping-details call (docs/ecom-v2.md#shipping-details). Read leniently, as real shops send `"99.00"` strings.
struct ShippingOption: Sendable, Equatable, Codable {
    let id: String
    let method: String
    /// NOK, not øre (docs/ecom-v2.md#payment-update-callback, #shipping-details).
    let costNOK: Double
    let isDefault: Bool
    let priority: Int

    /// The cost in øre, rounded to the nearest øre.
    var costInOre: Int { Int((costNOK * 100).rounded()) }

    /// Parses a `ShippingDetails` object; nil when a required field is missing or unreadable.
    static func parse(_ value: JSONValue) -> ShippingOption? {
        guard case .object(let fields) = value,
            let id = fields["shippingMethodId"]?.lenientString, !id.isEmpty,
            let method = fields["shippingMethod"]?.lenientString,
            let cost = fields["shippingCost"]?.lenientNumber, cost >= 0
        else { return nil }
        return ShippingOption(
            id: id,
            method: method,
            costNOK: cost,
            isDefault: fields["isDefault"]?.lenientString == "Y",
            priority: fields["priority"]?.lenientNumber.map { Int($0) } ?? 0
        )
    }

    /// Up to 10 options, by priority (docs/ecom-v2.md#shipping-details: "more: first 10").
    static func parseList(_ values: [JSONValue]) -> [ShippingOption] {
        Array(
            values.compactMap(parse).enumerated().sorted {
                ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset)
            }.map(\.element).prefix(10))
    }
}

/// What the user chose on the phone page for an express payment: an address and a shipping option.
struct ExpressChoice: Sendable, Equatable, Codable {
    let address: CannedAddress
    let shipping: ShippingOption
}

/// The shipping options the phone page offered for one address, kept so that the approval charges
/// the cost that was shown, without asking the shop a second time.
struct ShippingOffer: Sendable, Equatable, Codable {
    let addressId: Int
    let options: [ShippingOption]
}
