/// `userDetails` of the express callback and `/details` (docs/ecom-v2.md#payment-update-callback): the simulated user,
/// the same person for every phone number but with that number and a userId derived from it, so that a consent
/// removal can be matched to the callback that carried the userId.
struct ExpressUserDetails: Encodable {
    let firstName: String
    let lastName: String
    let email: String
    let mobileNumber: String
    let userId: String

    static func canned(mobileNumber: String) -> ExpressUserDetails {
        ExpressUserDetails(
            firstName: "Ada",
            lastName: "Lovelace",
            email: "ada.lovelace@example.com",
            mobileNumber: mobileNumber,
            userId: userId(for: mobileNumber)
        )
    }

    static func userId(for mobileNumber: String) -> String {
        "simuser\(mobileNumber)"
    }
}
