import Foundation
import Hummingbird

/// Wraps the router with what every request gets, whichever route (or none) answers it:
/// the access token path matched case-insensitively, the `Vipps-Sim-Version` header, a last-resort
/// error body, and one log line.
struct SimulatorResponder<Router: HTTPResponder>: HTTPResponder where Router.Context == SimulatorRequestContext {
    typealias Context = SimulatorRequestContext

    let router: Router
    let log: @Sendable (String) -> Void

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let receivedPath = request.uri.path
        let request = AccessTokenPath.canonicalized(request)
        var response: Response
        do {
            response = try await router.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Not expected: every route throws one of the simulator's error types. Still answer in the
            // backend's format rather than dropping the connection.
            response = try BackendError.internalError().response(from: request, context: context)
        }
        response.headers[.simulatorVersion] = SimulatorVersion.current
        let duration = started.duration(to: .now)
        log(RequestLogLine.make(method: request.method, path: receivedPath, status: response.status, duration: duration))
        return response
    }
}
