import Hummingbird

/// The backend errors the simulator sends, with the HTTP statuses of docs/ecom-v2.md#http-statuses (the simulator's
/// default mapping: InvalidRequest and most Payment/Merchant errors 400, 35 → 404, MSN problems 403,
/// VippsError 99 → 500).
extension BackendError {
    /// A field failed validation; `field` is its path in the body, e.g. `transaction.amount`.
    static func invalidRequest(field: String, _ message: String) -> BackendError {
        BackendError(status: .badRequest, group: .invalidRequest, code: field, message: message)
    }

    /// What Vipps answers to requests it cannot even deserialize (malformed JSON, an MSN sent as a
    /// number, a non-integer amount): HTTP 500 with VippsError 99 (docs/ecom-v2.md#http-statuses, #numeric-msn). The
    /// detail is the simulator's own addition, so that the shop's developer sees what went wrong.
    static func unreadableRequest(_ detail: String) -> BackendError {
        BackendError(
            status: .internalServerError,
            group: .vippsError,
            code: "99",
            message: "Internal error. In some cases, this is caused by an incorrect API request: \(detail)"
        )
    }

    /// Something failed inside the simulator itself.
    static func internalError() -> BackendError {
        BackendError(status: .internalServerError, group: .vippsError, code: "99", message: "Internal error.")
    }

    static func duplicateOrderId(_ orderId: String, merchantSerialNumber: String) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .merchant,
            code: "34",
            message:
                "Duplicate orderId. The orderId '\(orderId)' has already been used for MSN \(merchantSerialNumber); "
                + "the orderId must be unique for each MSN."
        )
    }

    static func orderNotFound(_ orderId: String, merchantSerialNumber: String) -> BackendError {
        BackendError(
            status: .notFound,
            group: .merchant,
            code: "35",
            message: "The orderId '\(orderId)' does not exist for MSN \(merchantSerialNumber)."
        )
    }

    static func skipLandingPageNotAllowed(merchantSerialNumber: String) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .merchant,
            code: "38",
            message: "The sales unit \(merchantSerialNumber) is not allowed to skip the landing page."
        )
    }

    /// An MSN the credentials may not act for. Vipps documents the text but no code for "Invalid MSN";
    /// the simulator uses 37 ("merchant and/or sales unit is unavailable") with HTTP 403.
    static func invalidMerchantSerialNumber(_ merchantSerialNumber: String) -> BackendError {
        BackendError(
            status: .forbidden,
            group: .merchant,
            code: "37",
            message:
                "Invalid MSN: \(merchantSerialNumber). Check your API keys on portal.vipps.no and see the eCom FAQ for tips."
        )
    }

    /// An operation the payment's state does not allow (VippsError 91, "The transaction is not allowed.").
    static func transactionNotAllowed(_ detail: String) -> BackendError {
        BackendError(
            status: .badRequest,
            group: .vippsError,
            code: "91",
            message: "The transaction is not allowed. \(detail)"
        )
    }
}
