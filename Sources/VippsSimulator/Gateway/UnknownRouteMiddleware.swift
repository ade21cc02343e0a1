import Hummingbird

/// Answers requests that match no route the way the API gateway does, `{"statusCode":404,"message":…}`,
/// instead of Hummingbird's empty 404.
struct UnknownRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw GatewayError.resourceNotFound
        }
    }
}
