import Hummingbird

/// The header names of the Vipps APIs (matched case-insensitively, as HTTP requires).
extension HTTPFields.Element.Name {
    static let clientID = Self("client_id")!
    static let clientSecret = Self("client_secret")!
    static let subscriptionKey = Self("Ocp-Apim-Subscription-Key")!
    static let merchantSerialNumber = Self("Merchant-Serial-Number")!
    static let requestID = Self("X-Request-Id")!
    static let simulatorVersion = Self("Vipps-Sim-Version")!
}
