/// `errorGroup` of the backend error array (reference §7.2).
public enum ErrorGroup: String, Sendable, Codable {
    case authentication = "Authentication"
    case payment = "Payment"
    case invalidRequest = "InvalidRequest"
    case vippsError = "VippsError"
    case user = "User"
    case merchant = "Merchant"
}
