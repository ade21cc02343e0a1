/// What the user chose on the phone page for an express payment: an address and a shipping option.
public struct ExpressChoice: Sendable, Equatable, Codable {
    public let address: CannedAddress
    public let shipping: ShippingOption
}
