import VippsCore
import VippsHTTP

/// The HTTP/1.x response parser, fed the way a socket feeds it: in slices of a size the input
/// chooses, possibly several responses on one keep-alive connection, possibly ending in a
/// read error. Each response is then read the way the client reads it (error bodies, token and
/// initiate answers), since those run on whatever the parser returns.
///
/// Input: one flag byte, then the bytes "from the network".
///   bits 0-2  slice size: 1, 2, 3, 7, 64, 512, 4096 or everything at once
///   bit 3     the request was a HEAD (no body expected)
///   bit 4     tiny limits (256 header bytes, 8 headers, 1024 body bytes), to reach every limit
///   bit 5     the stream ends with a read error instead of an orderly close
let httpResponseTarget = FuzzTarget(
    name: "http-response",
    summary: "VippsHTTP ResponseParser: status line, headers, chunked and Content-Length bodies, limits"
) { data in
    var input = FuzzInput(data)
    let flags = input.byte()
    let stream = input.rest()
    let sliceSizes = [1, 2, 3, 7, 64, 512, 4096, Int.max]
    let sliceSize = sliceSizes[Int(flags & 7)]
    let isHead = flags & 8 != 0
    var limits = ResponseParser.Limits()
    if flags & 16 != 0 {
        limits.maxHeaderBytes = 256
        limits.maxHeaderCount = 8
        limits.maxBodyBytes = 1024
    }
    let failAtEnd = flags & 32 != 0

    // The source is a class so that the parser's escaping closure can advance it.
    final class Feed {
        var offset = 0
    }
    let feed = Feed()
    var parser = ResponseParser(limits: limits) { buffer throws(HTTPError) in
        check(buffer.count > 0, "the parser asked for bytes with an empty buffer")
        let count = min(sliceSize, stream.count - feed.offset, buffer.count)
        if count == 0 && failAtEnd { throw HTTPError(.timeout, "fuzz: read timed out") }
        for index in 0..<count { buffer[index] = stream[feed.offset + index] }
        feed.offset += count
        return count
    }

    // A keep-alive connection carries several answers; eight is plenty to reach every state.
    for _ in 0..<8 {
        let response: HTTPResponse
        let reusable: Bool
        do throws(HTTPError) {
            (response, reusable) = try parser.readResponse(isHeadRequest: isHead)
        } catch {
            _ = error.message
            return
        }
        check((200...999).contains(response.status), "status \(response.status) returned (1xx must be skipped)")
        check(response.headers.count <= limits.maxHeaderCount, "more headers than the limit")
        check(response.body.count <= limits.maxBodyBytes, "body larger than the limit")
        if isHead || response.status == 204 || response.status == 304 {
            check(response.body.isEmpty, "a body on a response that has none")
        }
        check(feed.offset <= stream.count, "read past the end of the stream")
        exerciseResponse(response)
        if !reusable { return }
    }
}

/// What the client does with an answer, whatever its status.
func exerciseResponse(_ response: HTTPResponse) {
    _ = response.header("content-type")
    _ = response.header("retry-after")
    let error = ErrorResponse.error(from: response)
    check(!error.message.isEmpty, "an error without a message")
    _ = ErrorResponse.isErrorBody(response.body)
    if let (token, lifetime) = try? VippsClient.accessToken(from: response) {
        check(!token.isEmpty && token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), "an unusable access token accepted")
        check(lifetime >= 0, "a negative token lifetime")
    }
    if let initiation = try? VippsClient.initiation(from: response, orderId: "fuzz-order-1") {
        check(!initiation.url.isEmpty, "an initiation without a url")
    }
}
