/// The test environment's magic amounts (docs/ecom-v2.md#test-environment): an approval in the app of one of these
/// amounts fails, always the same way. The Payment error codes are an inferred mapping. 201 ("unknown result for 1
/// hour") and 202 ("SCA required") have no documented eCom error and are left as ordinary amounts. Force approve
/// ignores all of them, as Vipps' does.
enum MagicAmount {
    static func failure(for amount: Int) -> BackendError? {
        switch amount {
        case 151: refusal("42", "Refused by the issuer: insufficient funds.")
        case 182: refusal("42", "Refused by the issuer.")
        case 183: refusal("42", "Refused by the issuer: suspected fraud.")
        case 184: refusal("42", "Refused by the issuer: withdrawal limit exceeded.")
        case 186: refusal("44", "Refused by the issuer: Expired card.")
        case 187: refusal("41", "The user does not have a valid card.")
        case 197: refusal("45", "Reservation failed, reason unknown: 3D Secure denied.")
        default: nil
        }
    }

    /// The status is never sent: the error only travels as the callback's `errorInfo`.
    private static func refusal(_ code: String, _ message: String) -> BackendError {
        BackendError(status: .badRequest, group: .payment, code: code, message: message)
    }
}
