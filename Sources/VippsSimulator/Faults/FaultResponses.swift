import Hummingbird

/// The answers of the faults that answer something (`error-*`, `rate-limit`, `respond`).
enum FaultResponses {
    static func response(for effect: FaultEffect, request: Request, context: some RequestContext) throws -> Response {
        switch effect.kind {
        case .errorBefore, .errorAfter:
            let status = HTTPResponse.Status(code: effect.status ?? 500)
            return try BackendError.injectedInternalError(status: status).response(from: request, context: context)
        case .rateLimit:
            return try TooManyRequestsError(retryAfterSeconds: effect.retryAfter ?? 1).response(from: request, context: context)
        case .respond:
            // Exactly what the test asked for, bytes and all: no JSON encoding, no added fields.
            return Response(
                status: HTTPResponse.Status(code: effect.status ?? 200),
                headers: [.contentType: effect.contentType ?? JSONResponse.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: effect.body ?? ""))
            )
        case .dropAfter, .dropBefore, .latency:
            // Not answers; SimulatorResponder handles these itself.
            return Response(status: .internalServerError)
        }
    }
}
