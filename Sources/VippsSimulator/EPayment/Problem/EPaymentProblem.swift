import Foundation
import Hummingbird

/// An ePayment error: an RFC 7807 problem (`application/problem+json`). Validation problems name
/// the fields in `extraDetails` and carry no code; domain problems carry `{"name":"ErrorCode",
/// "reason":"<code>"}` there. The catalog is in `EPaymentProblem+Catalog.swift`.
struct EPaymentProblem: Error, Sendable, Equatable, HTTPResponseError {
    struct Detail: Sendable, Equatable, Encodable {
        var name: String
        var reason: String
    }

    let status: HTTPResponse.Status
    let title: String
    let detail: String
    let extraDetails: [Detail]

    /// A domain problem with its error code.
    init(status: HTTPResponse.Status, code: Int, title: String, detail: String) {
        self.status = status
        self.title = title
        self.detail = detail
        extraDetails = [Detail(name: "ErrorCode", reason: String(code))]
    }

    /// A validation problem: one entry per field.
    init(fields: [Detail]) {
        status = .badRequest
        title = "Bad Request"
        detail = "See extraDetails for further details"
        extraDetails = fields
    }

    init(status: HTTPResponse.Status, title: String, detail: String) {
        self.status = status
        self.title = title
        self.detail = detail
        extraDetails = []
    }

    static let contentType = "application/problem+json"

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let instance: String
        let traceId: String
        let extraDetails: [Detail]?
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        // Vipps' instance is the path without the API's prefix: "/v1/payments/…".
        let path = request.uri.path
        let instance = path.hasPrefix("/epayment/") ? String(path.dropFirst("/epayment".count)) : path
        let body = Body(
            type: "https://httpstatuses.io/\(status.code)",
            title: title,
            status: status.code,
            detail: detail,
            instance: instance,
            traceId: Self.traceId(),
            extraDetails: extraDetails.isEmpty ? nil : extraDetails
        )
        var response = try JSONResponse.make(status: status, body)
        response.headers[.contentType] = Self.contentType
        return response
    }

    /// A W3C traceparent, the shape Vipps' traceId has.
    static func traceId() -> String {
        func hex(_ count: Int) -> String {
            RandomIdentifiers.randomBytes(count).map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
        return "00-\(hex(16))-\(hex(8))-01"
    }
}
