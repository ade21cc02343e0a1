import Foundation

/// The body of the payment-update callback, `POST {callbackPrefix}/v2/payments/{orderId}` (reference
/// docs/ecom-v2.md#payment-update-callback): the regular shape, plus `shippingDetails` and `userDetails` for express
/// payments, plus `errorInfo` when the user's approval failed.
struct PaymentUpdateCallback: Encodable {
    struct TransactionInfo: Encodable {
        let amount: Int
        let status: String
        let timeStamp: String
        let transactionId: String
    }

    struct ErrorInfo: Encodable {
        let errorGroup: ErrorGroup
        let errorCode: String
        let errorMessage: String
        let contextId: String
    }

    /// A number in the callback, unlike everywhere else (the schema's `integer`).
    let merchantSerialNumber: Int
    let orderId: String
    let transactionInfo: TransactionInfo
    let shippingDetails: ExpressShippingDetails?
    let userDetails: ExpressUserDetails?
    let errorInfo: ErrorInfo?

    init(payment: Payment, outcome: UserOutcome) {
        merchantSerialNumber = Int(payment.merchantSerialNumber) ?? 0
        orderId = payment.orderId
        // The line the outcome wrote (RESERVE, SALE or CANCEL, successful or not) gives amount and time.
        let line = payment.log.last ?? payment.log[0]
        let isExpressShape = payment.initiation.paymentType == .express || payment.initiation.scope != nil
        transactionInfo = TransactionInfo(
            amount: line.amount,
            status: Self.status(outcome, line: line, express: isExpressShape),
            timeStamp: Timestamp.string(from: line.timeStamp),
            transactionId: payment.transactionId
        )
        if isExpressShape {
            // Userinfo (scope) payments get the express shape too (docs/ecom-v2.md#payment-update-callback); their
            // details exist only once the user approved.
            shippingDetails = payment.expressChoice.map(ExpressShippingDetails.init)
            userDetails = payment.customerPhoneNumber.map { ExpressUserDetails.canned(mobileNumber: $0) }
        } else {
            shippingDetails = nil
            userDetails = nil
        }
        if case .failed(let error) = outcome {
            errorInfo = ErrorInfo(
                errorGroup: error.group,
                errorCode: error.code,
                errorMessage: error.message,
                contextId: RandomIdentifiers.contextId()
            )
        } else {
            errorInfo = nil
        }
    }

    /// The table in docs/ecom-v2.md#payment-update-callback: RESERVED for regular payments but RESERVE for express
    /// ones.
    private static func status(_ outcome: UserOutcome, line: TransactionLogEntry, express: Bool) -> String {
        switch outcome {
        case .approved: line.operation == .sale ? "SALE" : (express ? "RESERVE" : "RESERVED")
        case .failed: line.operation == .sale ? "SALE_FAILED" : "RESERVE_FAILED"
        case .rejected: "CANCELLED"
        case .expired: "REJECTED"
        }
    }
}

/// Sends the payment-update callback for a user outcome (docs/ecom-v2.md#payment-update-callback): one per outcome, in
/// the background, to `callbackPrefix + "/v2/payments/" + orderId`.
struct PaymentCallbacks: Sendable {
    let caller: ShopCaller

    /// docs/ecom-v2.md#payment-update-callback: the shop must answer within 3 seconds.
    static let timeoutSeconds: Int64 = 3

    func paymentUpdated(_ payment: Payment, outcome: UserOutcome) {
        // ePayment has no callbackPrefix: its notifications are webhooks, which are not simulated yet.
        guard payment.ePayment == nil else { return }
        caller.sendInBackground(
            ShopCall(
                kind: .paymentUpdate,
                orderId: payment.orderId,
                method: .POST,
                url: payment.initiation.callbackPrefix + "/v2/payments/" + payment.orderId,
                authorization: payment.initiation.authToken,
                body: ShopJSON.encode(PaymentUpdateCallback(payment: payment, outcome: outcome)),
                timeoutSeconds: Self.timeoutSeconds
            )
        )
    }
}

/// How the user's side of a payment ended; each outcome sends one payment-update callback.
enum UserOutcome: Sendable, Equatable {
    /// Approved: RESERVE, or SALE for a direct-capture sales unit.
    case approved
    /// Rejected in the app: CANCEL, callback CANCELLED.
    case rejected
    /// Nobody acted within 5 + 5 minutes (docs/ecom-v2.md#user-side-timing): CANCEL, callback REJECTED.
    case expired
    /// The card was refused (a magic amount of docs/ecom-v2.md#test-environment): RESERVE (or SALE) with
    /// operationSuccess false, callback RESERVE_FAILED (or SALE_FAILED) with this error as errorInfo.
    case failed(BackendError)
}
