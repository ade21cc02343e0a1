import Hummingbird

/// An error of the simulator's own control API (`/sim/v1`): `{"error":"…"}`. Deliberately unlike any
/// Vipps error shape, so that a test harness can never mistake it for a simulated Vipps answer.
public struct ControlAPIError: Error, Sendable, Equatable, HTTPResponseError {
    public let status: HTTPResponse.Status
    public let message: String

    static func badRequest(_ message: String) -> ControlAPIError {
        ControlAPIError(status: .badRequest, message: message)
    }

    static func notFound(_ message: String) -> ControlAPIError {
        ControlAPIError(status: .notFound, message: message)
    }

    static func conflict(_ message: String) -> ControlAPIError {
        ControlAPIError(status: .conflict, message: message)
    }

    private struct Body: Encodable {
        let error: String
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(status: status, Body(error: message))
    }
}
