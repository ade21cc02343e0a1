/// What the user chose on the phone page for an express payment: an address and a shipping option.
public struct ExpressChoice: Sendable, Equatable, Codable {
    public let address: CannedAddress
    public let shipping: ShippingOption
}

/// The shipping options the phone page offered for one address, kept so that the approval charges
/// the cost that was shown, without asking the shop a second time.
public struct ShippingOffer: Sendable, Equatable, Codable {
    public let addressId: Int
    public let options: [ShippingOption]
}
