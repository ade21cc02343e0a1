/// The simulated user's saved addresses: the phone page offers these two, as the app offers a user's
/// profile addresses. The first is the address of Vipps' own examples.
struct CannedAddress: Sendable, Equatable, Codable {
    /// `addressId` of the shipping-details request (`minimum: 100` in the final spec,
    /// docs/ecom-v2.md#shipping-details).
    let id: Int
    let addressLine1: String
    let addressLine2: String?
    let city: String
    let postCode: String
    /// The spec's default; "The only country supported is Norway" (docs/ecom-v2.md#shipping-details).
    let country = "NO"
    /// H, W or O (home, work, other).
    let addressType: String

    /// `country` is a constant, so the state file leaves it out.
    private enum CodingKeys: String, CodingKey {
        case id, addressLine1, addressLine2, city, postCode, addressType
    }

    static let all = [
        CannedAddress(
            id: 3960, addressLine1: "Dronning Eufemias gate 42", addressLine2: nil, city: "OSLO", postCode: "0191",
            addressType: "H"),
        CannedAddress(
            id: 3961, addressLine1: "Robert Levins gate 5", addressLine2: "Att: Ada Lovelace", city: "OSLO",
            postCode: "0154", addressType: "W"),
    ]

    static func withId(_ id: Int) -> CannedAddress? {
        all.first { $0.id == id }
    }
}
