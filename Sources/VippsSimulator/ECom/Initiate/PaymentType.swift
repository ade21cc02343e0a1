/// `merchantInfo.paymentType`; the raw values are the exact strings of the API (two m's in "eComm").
public enum PaymentType: String, Sendable, Codable {
    case regular = "eComm Regular Payment"
    case express = "eComm Express Payment"
}
