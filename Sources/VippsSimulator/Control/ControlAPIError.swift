import Foundation
import Hummingbird

/// An error of the simulator's own control API (`/sim/v1`): `{"error":"…"}`. Deliberately unlike any
/// Vipps error shape, so that a test harness can never mistake it for a simulated Vipps answer.
struct ControlAPIError: Error, Sendable, Equatable, HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String

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

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(status: status, Body(error: message))
    }
}

extension Request {
    /// Decodes a control API body; anything that does not decode is a 400 in the control API's own
    /// error shape (not Vipps' 500/99: these are the test harness's requests, not a merchant's).
    func decodeControlBody<Body: Decodable>(_ type: Body.Type, context: some RequestContext) async throws -> Body {
        try Self.decodeControlBody(type, from: Data(buffer: try await body.collect(upTo: context.maxUploadSize)))
    }

    static func decodeControlBody<Body: Decodable>(_ type: Body.Type, from data: Data) throws(ControlAPIError) -> Body {
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw .badRequest("The request body does not fit: \(error.simulatorDescription)")
        } catch {
            throw .badRequest("The request body could not be read.")
        }
    }
}
