import VippsHTTP

/// The merchant-facing operations of an ePayment client: eCom's concepts (initiate, details,
/// capture, refund, cancel, force approve) carried out with ePayment's requests, so that a shop
/// moves from eCom by changing one setting (docs/epayment-client.md#one-setting).
extension VippsClient {
    /// An eCom phone number (8 digits, Norwegian) as ePayment's MSISDN; a full MSISDN as it is.
    static func ePaymentCustomer(_ phoneNumber: String) throws(VippsError) -> EPaymentCustomer {
        let msisdn = phoneNumber.utf8.count == 8 ? "47" + phoneNumber : phoneNumber
        try EPaymentValidation.phoneNumber(msisdn)
        return .phoneNumber(msisdn)
    }

    /// eCom's initiate as an ePayment create: `isApp` is NATIVE_REDIRECT, `skipLandingPage`
    /// PUSH_MESSAGE, else WEB_REDIRECT; the fallback URL is the return URL and the transaction text
    /// the payment description. The callback prefix and authToken have no use on ePayment (it
    /// notifies through webhooks) and are ignored; express checkout stays on eCom.
    func ePaymentInitiate(_ request: InitiatePaymentRequest) throws(VippsError) -> PaymentInitiation {
        guard !request.isExpress else {
            throw .invalidArgument("express", "express checkout is available on the eCom API only")
        }
        var create = CreatePaymentRequest()
        create.currency = request.currency ?? .nok
        guard let orderId = request.orderId else { throw .invalidArgument("order_id", "is required") }
        try create.setReference(orderId)
        guard let amount = request.amount else { throw .invalidArgument("amount", "is required") }
        try create.setAmount(amount)
        if let text = request.transactionText { try create.setPaymentDescription(text) }
        create.returnURL = request.fallbackURL
        create.userFlow =
            request.userFlow
            ?? (request.skipLandingPage ? .pushMessage : request.isApp ? .nativeRedirect : .webRedirect)
        if let qr = request.customerPersonalQr {
            create.customer = .personalQr(qr)
        } else if let token = request.customerToken {
            create.customer = .customerToken(token)
        } else {
            create.customer = try (request.customerMSISDN ?? request.phoneNumber).map(Self.ePaymentCustomer)
        }
        create.scope = request.scope
        if let expiresAt = request.expiresAt { try create.setExpiresAt(expiresAt) }
        if !request.receiptLines.isEmpty || request.receiptBottomLine != nil {
            create.receiptJSON = try ReceiptBottomLine.receiptJSON(
                lines: request.receiptLines, bottomLine: request.receiptBottomLine, currency: create.currency)
        }
        create.qrFormat = request.qrFormat
        create.qrSize = request.qrSize
        let creation = try createPayment(create, idempotencyKey: request.idempotencyKey)
        return PaymentInitiation(
            orderId: creation.reference, idempotencyKey: creation.idempotencyKey, url: creation.redirectURL ?? "",
            landingToken: creation.landingToken, json: creation.json)
    }

    /// GET payment and events, in eCom's details shape: the log newest first in eCom's operation
    /// names, the ePayment originals beside it.
    func ePaymentDetails(orderId: String, deadline: MonotonicInstant?) throws(VippsError) -> PaymentDetails {
        try ePaymentDetails(payment: ePaymentPayment(reference: orderId, deadline: deadline), deadline: deadline)
    }

    /// The details of a payment just read: its event log is read to complete them.
    func ePaymentDetails(payment: EPaymentPayment, deadline: MonotonicInstant?) throws(VippsError) -> PaymentDetails {
        let events = try ePaymentEvents(reference: payment.reference, deadline: deadline)
        var captured = false
        var log: [PaymentDetails.LogEntry] = []
        for event in events {
            let operation: String
            switch event.name {
            case "CREATED": operation = "INITIATE"
            case "AUTHORIZED": operation = "RESERVE"
            case "CAPTURED": operation = "CAPTURE"
            case "REFUNDED": operation = "REFUND"
            // eCom calls a release after a capture CANCEL, and one of an untouched reservation VOID.
            case "CANCELLED": operation = captured ? "CANCEL" : "VOID"
            default: operation = "CANCEL"
            }
            if event.success && event.name == "CAPTURED" { captured = true }
            log.append(
                PaymentDetails.LogEntry(
                    operation: operation, amount: event.amount, success: event.success,
                    transactionId: event.pspReference, transactionText: "", timestamp: event.timestamp,
                    requestId: event.idempotencyKey))
        }
        var details = PaymentDetails(
            orderId: payment.reference, state: payment.state,
            amount: payment.authorizedAmount > 0 ? payment.authorizedAmount : payment.amount,
            capturedAmount: payment.capturedAmount, refundedAmount: payment.refundedAmount,
            remainingToCapture: payment.remainingToCapture, remainingToRefund: payment.remainingToRefund,
            log: log.reversed(), express: ExpressDetails.parse(.object([:])), json: payment.json)
        details.ePayment = payment
        details.events = events
        details.sub = payment.sub
        return details
    }

    func ePaymentTransaction(_ kind: RequestKind, orderId: String, amount: Int64, key: String?) throws(VippsError)
        -> PaymentTransaction
    {
        let (payment, moved) = try ePaymentMoneyAction(kind, reference: orderId, amount: amount, key: key)
        return PaymentTransaction(payment, amount: moved)
    }

    /// ePayment always releases what is not captured, which is eCom's releaseRemainingFunds.
    func ePaymentCancelTransaction(orderId: String) throws(VippsError) -> PaymentTransaction {
        let payment = try ePaymentCancel(reference: orderId, cancelTransactionOnly: false, idempotencyKey: nil)
        return PaymentTransaction(payment, amount: payment.cancelledAmount)
    }
}

extension PaymentTransaction {
    /// An ePayment answer in eCom's transaction shape; `status` is ePayment's state.
    init(_ payment: EPaymentPayment, amount: Int64) {
        self.init(
            orderId: payment.reference, status: payment.ePaymentState, amount: amount,
            transactionId: payment.pspReference, transactionText: "", timestamp: "",
            capturedAmount: payment.capturedAmount, remainingToCapture: payment.remainingToCapture,
            refundedAmount: payment.refundedAmount, remainingToRefund: payment.remainingToRefund,
            requestId: payment.idempotencyKey, json: payment.json)
    }
}
