import Foundation

/// `TransactionDetails`, the body of `/details`. `transactionSummary` is left out until the user has
/// reacted (docs/ecom-v2.md#details); `shippingDetails` and `userDetails` appear once the user approved an
/// express payment (a userinfo `scope` payment gets `userDetails` too, as its callback does).
struct PaymentDetailsResponse: Encodable {
    let orderId: String
    let shippingDetails: DetailsShippingDetails?
    /// The user's id for Userinfo, once a payment with a `scope` is approved.
    let sub: String?
    let transactionLogHistory: [TransactionLogHistoryItem]
    let transactionSummary: TransactionSummary?
    let userDetails: ExpressUserDetails?

    init(_ payment: Payment) {
        orderId = payment.orderId
        shippingDetails = payment.expressChoice.map(DetailsShippingDetails.init)
        sub = payment.profileConsent?.sub
        transactionLogHistory = TransactionLogHistoryItem.history(of: payment)
        transactionSummary = payment.summary
        let sharesDetails = payment.initiation.paymentType == .express || payment.initiation.scope != nil
        userDetails =
            sharesDetails && payment.wasReserved ? payment.customerPhoneNumber.map(ExpressUserDetails.canned) : nil
    }
}

extension PaymentDetailsResponse {
    /// The same JSON as `JSONEncoder` with sorted keys writes, built by hand: `/details` is what
    /// shops poll, and generic encoding was most of the simulator's own CPU time per details
    /// request (make bench). The express-only parts, rare, still go through the encoder.
    /// DetailsEncodingTests and ExpressCheckoutTests check that both agree byte for byte.
    func jsonBytes() throws -> [UInt8] {
        var out = ""
        out.reserveCapacity(256 + 256 * transactionLogHistory.count)
        out += #"{"orderId":"#
        Self.appendQuoted(orderId, to: &out)
        if let shippingDetails {
            out += #","shippingDetails":"#
            out += try Self.encoded(shippingDetails)
        }
        if let sub {
            out += #","sub":"#
            Self.appendQuoted(sub, to: &out)
        }
        out += #","transactionLogHistory":["#
        for (index, item) in transactionLogHistory.enumerated() {
            out += index > 0 ? #",{"amount":"# : #"{"amount":"#
            out += String(item.amount)
            out += #","operation":"#
            Self.appendQuoted(item.operation.rawValue, to: &out)
            out +=
                item.operationSuccess
                ? #","operationSuccess":true,"requestId":"# : #","operationSuccess":false,"requestId":"#
            Self.appendQuoted(item.requestId, to: &out)
            out += #","timeStamp":"#
            Self.appendQuoted(item.timeStamp, to: &out)
            out += #","transactionId":"#
            Self.appendQuoted(item.transactionId, to: &out)
            out += #","transactionText":"#
            Self.appendQuoted(item.transactionText, to: &out)
            out += "}"
        }
        out += "]"
        if let summary = transactionSummary {
            out += #","transactionSummary":{"capturedAmount":"#
            out += String(summary.capturedAmount)
            out += #","refundedAmount":"#
            out += String(summary.refundedAmount)
            out += #","remainingAmountToCapture":"#
            out += String(summary.remainingAmountToCapture)
            out += #","remainingAmountToRefund":"#
            out += String(summary.remainingAmountToRefund)
            out += "}"
        }
        if let userDetails {
            out += #","userDetails":"#
            out += try Self.encoded(userDetails)
        }
        out += "}"
        return Array(out.utf8)
    }

    private static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, "/" and non-ASCII left as they are (as `.withoutEscapingSlashes` does).
    static func appendQuoted(_ text: String, to result: inout String) {
        // Most values need no escape: one append instead of one per character.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            result += "\""
            result += text
            result += "\""
            return
        }
        result += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: false)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        result += "\""
    }
}

/// `shippingDetails` of `/details` (`PaymentShippingDetails`): like the callback's, but the address
/// has `postCode` where the callback has `zipCode` (docs/ecom-v2.md#payment-update-callback).
struct DetailsShippingDetails: Encodable {
    struct Address: Encodable {
        let addressLine1: String
        let addressLine2: String?
        let city: String
        let country: String
        let postCode: String
    }

    let address: Address
    let shippingCost: Double
    let shippingMethod: String
    let shippingMethodId: String

    init(_ choice: ExpressChoice) {
        address = Address(
            addressLine1: choice.address.addressLine1,
            addressLine2: choice.address.addressLine2,
            city: choice.address.city,
            // The details schema's Address.country is the enum ["Norway"]; callbacks and the
            // shipping-details request use "NO" (docs/ecom-v2.md#address-fields).
            country: "Norway",
            postCode: choice.address.postCode
        )
        shippingCost = choice.shipping.costNOK
        shippingMethod = choice.shipping.method
        shippingMethodId = choice.shipping.id
    }
}
