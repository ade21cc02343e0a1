import Hummingbird
import NIOCore

/// The answers of the faults that answer something (`error-*`, `rate-limit`, `respond`).
enum FaultResponses {
    static func response(for effect: FaultEffect, request: Request, context: some RequestContext) throws -> Response {
        switch effect.kind {
        case .errorBefore, .errorAfter:
            let status = HTTPResponse.Status(code: effect.status ?? 500)
            // Each API fails in its own error shape.
            if request.uri.path.hasPrefix("/epayment/") {
                return try EPaymentProblem(
                    status: status, code: 3010, title: "Internal error", detail: "An injected fault."
                )
                .response(from: request, context: context)
            }
            if request.uri.path.hasPrefix("/webhooks/") {
                return try EPaymentProblem(status: status, title: "Internal Server Error", detail: "An injected fault.")
                    .response(from: request, context: context)
            }
            if request.uri.path.hasPrefix("/vipps-userinfo-api/") {
                return try UserinfoError(status: status, title: "Internal Server Error", detail: "An injected fault.")
                    .response(from: request, context: context)
            }
            return try BackendError.injectedInternalError(status: status).response(from: request, context: context)
        case .rateLimit:
            return try TooManyRequestsError(retryAfterSeconds: effect.retryAfter ?? 1).response(
                from: request, context: context)
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

/// How a `drop-*` fault breaks the connection: the channel is closed before anything of the response
/// is written, so the client sees the connection end without a single byte of an answer (with TLS,
/// after the close_notify alert) — as when a server crashes or a proxy gives up mid-request.
///
/// Hummingbird offers no "no response" from a responder, so the closed channel does the work: the
/// server's attempt to write the returned response fails, which it takes as a lost connection. The
/// response's body also refuses to be written, so that in the router test mode (no real channel) the
/// client sees an error rather than an answer.
enum ConnectionDrop {
    struct Dropped: Error {}

    /// What the responder returns for a dropped request; never delivered.
    static let response = Response(status: .ok, body: ResponseBody { _ in throw Dropped() })

    /// Closes the request's connection and waits until it is closed, so that the server only starts
    /// writing `response` afterwards. With TLS the close sends close_notify at once (the client sees
    /// the end of the stream right away) but completes only when the client answers it or NIOSSL's
    /// shutdown timeout (5 s) passes; hence the responder logs the request before calling this.
    static func close(_ channel: any Channel) async {
        try? await channel.close(mode: .all).get()
    }
}
