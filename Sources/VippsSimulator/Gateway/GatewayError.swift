import Hummingbird

/// An error from the API gateway in front of Vipps (Azure API Management): a single JSON object, not
/// an array, in one of the two shapes of docs/ecom-v2.md#error-bodies.
struct GatewayError: Error, Sendable, Equatable, HTTPResponseError {
    enum Shape: Sendable, Equatable {
        /// `{"statusCode":401,"message":"…"}`: subscription key problems, unknown routes.
        case statusCode(message: String)
        /// `ErrorFromAzure` of the OpenAPI file: `{"responseInfo":{…},"result":{"message":"…"}}`.
        case azure(responseMessage: String, resultMessage: String)
    }

    let status: HTTPResponse.Status
    let shape: Shape

    static let missingSubscriptionKey = GatewayError(
        status: .unauthorized,
        shape: .statusCode(
            message: "Access denied due to missing subscription key. "
                + "Make sure to include subscription key when making requests to an API."
        )
    )

    static let invalidSubscriptionKey = GatewayError(
        status: .unauthorized,
        shape: .statusCode(
            message:
                "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."
        )
    )

    /// A missing, malformed, unknown or expired access token. The message never repeats the token.
    static func unauthorized(_ detail: String) -> GatewayError {
        GatewayError(status: .unauthorized, shape: .azure(responseMessage: "Unauthorized", resultMessage: detail))
    }

    static let resourceNotFound = GatewayError(status: .notFound, shape: .statusCode(message: "Resource not found"))

    private struct StatusCodeBody: Encodable {
        let statusCode: Int
        let message: String
    }

    private struct AzureBody: Encodable {
        struct ResponseInfo: Encodable {
            let responseCode: Int
            let responseMessage: String
        }
        struct Result: Encodable {
            let message: String
        }
        let responseInfo: ResponseInfo
        let result: Result
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch shape {
        case .statusCode(let message):
            return try JSONResponse.make(status: status, StatusCodeBody(statusCode: status.code, message: message))
        case .azure(let responseMessage, let resultMessage):
            return try JSONResponse.make(
                status: status,
                AzureBody(
                    responseInfo: .init(responseCode: status.code, responseMessage: responseMessage),
                    result: .init(message: resultMessage)
                )
            )
        }
    }
}

/// Answers requests that match no route the way the API gateway does, `{"statusCode":404,"message":…}`,
/// instead of Hummingbird's empty 404.
struct UnknownRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw GatewayError.resourceNotFound
        }
    }
}
