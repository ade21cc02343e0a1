import Foundation
import Hummingbird

/// An error of the access token service, in Azure AD's format (docs/ecom-v2.md#access-token):
/// `{"error":"…","error_description":"AADSTS…","error_codes":[…],"timestamp":"…","trace_id":"…","correlation_id":"…"}`.
struct TokenServiceError: Error, Sendable, Equatable, HTTPResponseError {
    let status: HTTPResponse.Status
    let error: String
    let errorDescription: String
    let code: Int
    let timestamp: Date

    /// Unknown `client_id`. Azure AD names the client id in its text; the simulator does not repeat
    /// any header value, in case a secret was sent in the wrong header.
    static func unknownClient(at date: Date) -> TokenServiceError {
        TokenServiceError(
            status: .unauthorized,
            error: "unauthorized_client",
            errorDescription:
                "AADSTS70001: Application with the identifier given in the client_id header was not found "
                + "in the directory 'vipps-sim'.",
            code: 70001,
            timestamp: date
        )
    }

    /// Wrong `client_secret` for a known client.
    static func invalidClientSecret(at date: Date) -> TokenServiceError {
        TokenServiceError(
            status: .unauthorized,
            error: "invalid_client",
            errorDescription: "AADSTS7000215: Invalid client secret is provided.",
            code: 7_000_215,
            timestamp: date
        )
    }

    private struct Body: Encodable {
        let error: String
        let error_description: String
        let error_codes: [Int]
        let timestamp: String
        let trace_id: String
        let correlation_id: String
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        // Azure AD's own timestamp format: "2019-01-18 09:33:45Z".
        let stamp = Timestamp.string(from: timestamp)
        let azureStamp = stamp.prefix(19).replacingOccurrences(of: "T", with: " ") + "Z"
        return try JSONResponse.make(
            status: status,
            Body(
                error: error,
                error_description: errorDescription,
                error_codes: [code],
                timestamp: azureStamp,
                trace_id: RandomIdentifiers.contextId(),
                correlation_id: RandomIdentifiers.contextId()
            )
        )
    }
}
