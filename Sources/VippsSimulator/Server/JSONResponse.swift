import Foundation
import Hummingbird

/// Builds the JSON responses of every route, success and error alike, with the media type the API uses.
enum JSONResponse {
    static let contentType = "application/json;charset=UTF-8"

    static func make(status: HTTPResponse.Status = .ok, _ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        // Sorted keys: the same body every time, whatever the dictionary order. URLs stay readable
        // without `\/` escapes.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return make(status: status, bytes: Array(try encoder.encode(value)))
    }

    /// A body already serialized (the hand-written fast path of `/details`).
    static func make(status: HTTPResponse.Status = .ok, bytes: [UInt8]) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
