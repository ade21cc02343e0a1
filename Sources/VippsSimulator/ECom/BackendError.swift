import Hummingbird

/// An error from "the Vipps backend": always sent as a JSON array of one `Error` object
/// (`[{"errorGroup":…,"errorCode":"…","errorMessage":…,"contextId":"<uuid>"}]`, docs/ecom-v2.md#error-bodies).
/// The well-known ones are in `BackendError+Catalog.swift`.
struct BackendError: Error, Sendable, Equatable, HTTPResponseError {
    let status: HTTPResponse.Status
    let group: ErrorGroup
    /// Always a string: a number for most groups, the field name for `InvalidRequest`.
    let code: String
    let message: String

    init(status: HTTPResponse.Status, group: ErrorGroup, code: String, message: String) {
        self.status = status
        self.group = group
        self.code = code
        self.message = message
    }

    private struct Body: Encodable {
        let errorGroup: ErrorGroup
        let errorCode: String
        let errorMessage: String
        let contextId: String
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(
            status: status,
            [Body(errorGroup: group, errorCode: code, errorMessage: message, contextId: RandomIdentifiers.contextId())]
        )
    }
}

/// `errorGroup` of the backend error array (docs/ecom-v2.md#error-codes).
enum ErrorGroup: String, Sendable, Codable {
    case authentication = "Authentication"
    case payment = "Payment"
    case invalidRequest = "InvalidRequest"
    case vippsError = "VippsError"
    case user = "User"
    case merchant = "Merchant"
}
