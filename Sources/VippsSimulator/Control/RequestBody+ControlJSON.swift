import Foundation
import Hummingbird

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
