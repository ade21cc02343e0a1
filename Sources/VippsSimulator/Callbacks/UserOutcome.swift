/// How the user's side of a payment ended; each outcome sends one payment-update callback.
enum UserOutcome: Sendable, Equatable {
    /// Approved: RESERVE, or SALE for a direct-capture sales unit.
    case approved
    /// Rejected in the app: CANCEL, callback CANCELLED.
    case rejected
    /// Nobody acted within 5 + 5 minutes (reference §6.6): CANCEL, callback REJECTED.
    case expired
    /// The card was refused (a magic amount of §12): RESERVE (or SALE) with operationSuccess false,
    /// callback RESERVE_FAILED (or SALE_FAILED) with this error as errorInfo.
    case failed(BackendError)
}
