import Foundation

/// What profile sharing adds to a payment: the consent given with its approval.
extension Payment {
    /// How long the consented data can be fetched, counted from the approval.
    static let userinfoLifetime: TimeInterval = 168 * 3600

    struct ProfileConsent: Sendable, Equatable {
        let sub: String
        let phoneNumber: String
        let scopes: [String]
        let at: Date
    }

    /// The consent of an approved payment that asked for a `scope`; nil otherwise. Approving on the
    /// customer pages is consenting (declining aborts the payment), so this is read off the log.
    var profileConsent: ProfileConsent? {
        guard let scope = initiation.scope,
            let approval = log.first(where: {
                ($0.operation == .reserve || $0.operation == .sale) && $0.operationSuccess
            })
        else { return nil }
        // The user who approved; a control-API approval names nobody, so the number the merchant
        // gave, else the standard test user, stands in.
        let phone =
            customerPhoneNumber ?? pushedTo ?? initiation.mobileNumber ?? ePayment?.customerPhoneNumber
            ?? TestUser.standard.phoneNumber
        let msisdn = TestUser.msisdn(phone)
        return ProfileConsent(
            sub: TestUsers.sub(phoneNumber: msisdn, merchantSerialNumber: merchantSerialNumber), phoneNumber: msisdn,
            scopes: scope.split(separator: " ").map(String.init), at: approval.timeStamp)
    }
}
