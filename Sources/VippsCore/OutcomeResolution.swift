import VippsHTTP

/// Outcome resolution: what an operation does when `RetryRules` says that its request may have
/// been applied but cannot be repeated blindly (initiate, cancel), or when Vipps answered 2xx with
/// a body that is not the JSON it documents. The rule is always the same: the payment's details
/// decide, and a resend happens only when they show that nothing was applied.
extension VippsClient {
    /// The error for a 2xx answer whose body cannot be read (`RetryRules.afterUnreadableSuccess`).
    /// Cancel resolves it from the details itself (`sendCancel`).
    func unreadableSuccess(_ response: HTTPResponse, kind: RequestKind, orderId: String, key: String?)
        -> VippsError
    {
        let rules = RetryRules(maxAttempts: configuration.retryPolicy.maxAttempts)
        let operation = "\(kind) \(orderId)"
        switch rules.afterUnreadableSuccess(kind: kind) {
        case .createdButLandingURLLost:
            return Self.landingURLLost(orderId)
        case .appliedRepeatWithSameKey:
            // A proxy's page, a cut body: the same key gets a clean answer without a second one.
            let key = key ?? ""
            return VippsError(
                .outcomeUnknown,
                "\(operation): Vipps answered \(response.status) with a body that is not the JSON it "
                    + "documents, so it was probably applied: repeat it with the same idempotency key "
                    + "\(key) for a clean answer, or read the payment's details",
                httpStatus: response.status, isRetryable: true, requestId: key)
        case .resolveByReading, .protocolError:
            return VippsError(
                .protocolError, "\(operation): Vipps answered \(response.status) with an unreadable body",
                httpStatus: response.status)
        }
    }

    /// Initiate is not idempotent at Vipps, so a lost answer is never simply repeated: the
    /// payment's details say whether Vipps created it. Not created: sending it again is safe.
    /// Created: the landing URL is lost with the answer, which the error says plainly. A resend
    /// that Vipps refuses as locked or a duplicate means the first one got there after all.
    func sendInitiate(_ body: [UInt8], orderId: String) throws(VippsError) -> HTTPResponse {
        let operation = "initiate \(orderId)"
        let deadline = callDeadline()
        do {
            return try perform(
                .post, "/ecomm/v2/payments", body: body, kind: .initiate, operation: operation,
                deadline: deadline)
        } catch  where error.category == .outcomeUnknown {
            log(.warning, "\(operation): outcome unknown; reading the payment's details to resolve it")
            switch lookUp(orderId, deadline: deadline) {
            case .some(false):
                log(.info, "\(operation): Vipps has no such payment; sending the initiate again")
                do {
                    return try perform(
                        .post, "/ecomm/v2/payments", body: body, kind: .initiate,
                        operation: operation, deadline: deadline)
                } catch  where error.errorGroup?.lowercased() == "merchant" && error.errorCode == "34" {
                    throw Self.landingURLLost(orderId)  // the first attempt did create it after all
                } catch  where error.category == .rejected && error.errorGroup?.lowercased() == "vippserror" {
                    // "Order locked" (94): the first attempt is being processed.
                    if lookUp(orderId, deadline: deadline) == true { throw Self.landingURLLost(orderId) }
                    throw VippsError(
                        .outcomeUnknown,
                        "\(operation): an earlier initiate got no answer and Vipps refused sending it "
                            + "again (\(error.message)); the payment may still be created: read its details",
                        httpStatus: error.httpStatus, errorGroup: error.errorGroup,
                        errorCode: error.errorCode, contextId: error.contextId)
                }
            case .some(true):
                throw Self.landingURLLost(orderId)
            case .none:
                throw error
            }
        }
    }

    /// Whether Vipps knows the order: nil when that cannot be found out now.
    private func lookUp(_ orderId: String, deadline: MonotonicInstant) -> Bool? {
        do {
            _ = try paymentDetails(orderId: orderId, deadline: deadline)
            return true
        } catch {
            return error.category == .notFound ? false : nil
        }
    }

    private static func landingURLLost(_ orderId: String) -> VippsError {
        VippsError(
            .server,
            "initiate \(orderId): Vipps created the payment but its answer was lost or unreadable, "
                + "so the landing page URL is unknown; cancel order \(orderId) and initiate again with a new order id")
    }

    /// Sends a cancel; when its answer is lost or unreadable, the payment's details decide
    /// (see `cancel(orderId:transactionText:releaseRemainingFunds:)`).
    func sendCancel(
        _ body: [UInt8], orderId: String, transactionText: String, releaseRemainingFunds: Bool
    ) throws(VippsError) -> PaymentTransaction {
        let operation = "cancel \(orderId)"
        let path = "/ecomm/v2/payments/\(Self.pathSegment(orderId))/cancel"
        let deadline = callDeadline()
        let cancelledNow = { [self] (details: PaymentDetails?) -> PaymentTransaction? in
            guard let details, Self.isCancelled(details, releaseRemainingFunds: releaseRemainingFunds) else {
                return nil
            }
            log(.info, "\(operation): the details show it cancelled")
            return PaymentTransaction.cancelled(from: details, text: transactionText)
        }
        var resolutions = 0
        var answered: HTTPResponse
        while true {
            do {
                answered = try perform(
                    .put, path, body: body, kind: .cancel, operation: operation,
                    deadline: deadline)
                break
            } catch  where error.category == .outcomeUnknown && resolutions < 2 {
                resolutions += 1
                log(.warning, "\(operation): outcome unknown; reading the payment's details to resolve it")
                guard let details = try? paymentDetails(orderId: orderId, deadline: deadline) else { throw error }
                if let transaction = cancelledNow(details) { return transaction }
                log(.info, "\(operation): the details show it not cancelled; sending it again")
            } catch  where error.category == .rejected && resolutions > 0 {
                // The earlier cancel may be in progress (VippsError 94) or done (91).
                log(.warning, "\(operation): the resend was refused (\(error.message)); reading the details")
                if let transaction = cancelledNow(try? paymentDetails(orderId: orderId, deadline: deadline)) {
                    return transaction
                }
                throw VippsError(
                    .outcomeUnknown,
                    "\(operation): an earlier cancel got no answer and Vipps refused sending it again "
                        + "(\(error.message)); the earlier one may still be applied: read the payment's details",
                    httpStatus: error.httpStatus, errorGroup: error.errorGroup, errorCode: error.errorCode,
                    contextId: error.contextId)
            }
        }
        if let transaction = try? PaymentTransaction.parse(answered.body, orderId: orderId, requestId: "") {
            return transaction
        }
        log(.warning, "\(operation): Vipps answered \(answered.status) with an unreadable body; reading the details")
        if let transaction = cancelledNow(try? paymentDetails(orderId: orderId, deadline: deadline)) {
            return transaction
        }
        throw VippsError(
            .outcomeUnknown,
            "\(operation): Vipps answered \(answered.status) with a body that is not the JSON it documents, "
                + "so it was probably applied, but the details do not show it yet: read them again",
            httpStatus: answered.status)
    }

    private static func isCancelled(_ details: PaymentDetails, releaseRemainingFunds: Bool) -> Bool {
        switch details.state {
        case .cancelled, .voided: return true
        case .captured, .partiallyRefunded, .refunded:
            // A release after a partial capture leaves it captured with nothing left to capture.
            return releaseRemainingFunds && details.remainingToCapture == 0
                && details.log.contains(where: { $0.success && ($0.operation == "CANCEL" || $0.operation == "VOID") })
        default: return false
        }
    }
}
