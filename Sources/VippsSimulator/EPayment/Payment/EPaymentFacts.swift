import Foundation

/// What an ePayment create adds to the payment it stores. The payment itself is the same `Payment`
/// an eCom initiate makes, with the same transaction log: one store for both APIs, so that the
/// amounts and the history of a payment are the same whichever API reads or changes it.
struct EPaymentFacts: Sendable, Equatable, Codable {
    var currency: Currency
    var userFlow: UserFlow
    var paymentMethod: PaymentMethodType
    /// The customer's MSISDN (country code and number, digits only), when the create named one.
    var customerPhoneNumber: String?
    var metadata: [String: String]?
    /// The payment-level `pspReference`, a UUID.
    var pspReference: String
    /// The create's key: a retry with it and the same body gets the first answer again.
    var createIdempotencyKey: String
    /// The create body as canonical JSON (sorted members), to tell a retry from another request.
    var createBody: String
    /// The create's answer: absent for PUSH_MESSAGE.
    var redirectUrl: String?
    /// QR payments: what the QR image route serves, and a PNG's side in pixels.
    var qrFormat: QRFormat?
    var qrSize: Int?
    /// A long-living payment's end (PUSH_MESSAGE and QR), instead of the usual lifetime.
    var expiresAt: Date?
    /// The order lines and bottom line, as sent, and where the shop shows its own receipt.
    var receipt: JSONValue?
    var receiptUrl: String?
}

/// `qrFormat.format`: the QR payment's `redirectUrl` is the target URL itself or an image of it.
enum QRFormat: String, Sendable, Codable, CaseIterable {
    case targetURL = "TEXT/TARGETURL"
    case svg = "IMAGE/SVG+XML"
    case png = "IMAGE/PNG"

    static let defaultPNGSize = 1024
}

/// `amount.currency`; each sales unit takes the currency of its market.
enum Currency: String, Sendable, Codable, CaseIterable {
    case nok = "NOK"
    case dkk = "DKK"
    case eur = "EUR"

    /// The smallest amount a payment may have, in minor units.
    var minimumAmount: Int64 {
        self == .nok ? 100 : 1
    }
}

/// Where a sales unit does business: Vipps in Norway, MobilePay in Denmark and Finland.
public enum Market: String, Sendable, Codable, CaseIterable {
    case norway
    case denmark
    case finland

    var currency: Currency {
        switch self {
        case .norway: .nok
        case .denmark: .dkk
        case .finland: .eur
        }
    }
}

enum UserFlow: String, Sendable, Codable, CaseIterable {
    case webRedirect = "WEB_REDIRECT"
    case nativeRedirect = "NATIVE_REDIRECT"
    case pushMessage = "PUSH_MESSAGE"
    case qr = "QR"
}

enum PaymentMethodType: String, Sendable, Codable, CaseIterable {
    case wallet = "WALLET"
    case card = "CARD"
}

/// The ePayment state of a payment: five values; captured, refunded and cancelled money is read
/// from the aggregate, not from the state.
enum EPaymentState: String, Sendable, Encodable {
    case created = "CREATED"
    case aborted = "ABORTED"
    case expired = "EXPIRED"
    case authorized = "AUTHORIZED"
    case terminated = "TERMINATED"
}

/// The ePayment modifications that take an `Idempotency-Key`.
enum EPaymentOperation: String, Sendable, Codable {
    case capture
    case refund
    case cancel
}

struct EPaymentRequestKey: Hashable, Sendable {
    var operation: EPaymentOperation
    var idempotencyKey: String
}
