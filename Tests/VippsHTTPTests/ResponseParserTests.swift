import Testing

@testable import VippsHTTP

/// Feeds `text` to the parser `chunkSize` bytes at a time, as a slow network would.
func parse(_ text: String, chunkSize: Int = 1 << 20) throws(HTTPError) -> (HTTPResponse, Bool) {
    let bytes = Array(text.utf8)
    var offset = 0
    var parser = ResponseParser { buffer throws(HTTPError) in
        let count = min(chunkSize, bytes.count - offset, buffer.count)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
    return try parser.readResponse()
}

func failure(_ text: String) -> HTTPError? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite struct ResponseParserTests {
    @Test func contentLengthBodyKeepsConnection() throws {
        let (response, reusable) = try parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A:  b \r\n\r\nhello")
        #expect(response.status == 200)
        #expect(response.reason == "OK")
        #expect(String(decoding: response.body, as: UTF8.self) == "hello")
        #expect(response.header("x-a") == "b")
        #expect(reusable)
    }

    @Test(arguments: [1, 2, 7, 4096])
    func chunkedBodyInAnySlices(chunkSize: Int) throws {
        let text =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\n"
        let (response, reusable) = try parse(text, chunkSize: chunkSize)
        #expect(String(decoding: response.body, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
        #expect(reusable)
    }

    @Test func bodyUntilCloseMakesConnectionUnusable() throws {
        let (response, reusable) = try parse("HTTP/1.0 200 ok\r\nContent-Type: text/html\r\n\r\n<html>")
        #expect(String(decoding: response.body, as: UTF8.self) == "<html>")
        #expect(!reusable)
    }

    @Test func connectionCloseHeaderIsHonoured() throws {
        let (_, reusable) = try parse("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
        #expect(!reusable)
    }

    @Test func interimResponsesAreSkipped() throws {
        let (response, _) = try parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
        #expect(response.status == 201)
    }

    @Test func bareLineFeedsAreAccepted() throws {
        let (response, _) = try parse("HTTP/1.1 404 Not Found\nContent-Length: 2\n\n[]")
        #expect(response.status == 404)
        #expect(response.body == Array("[]".utf8))
    }

    @Test(arguments: [
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 20x OK\r\n\r\n",
        "SSH-2.0-OpenSSH\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\n folded: header\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
    ])
    func malformedResponsesAreRefused(text: String) {
        #expect(failure(text)?.kind == .malformedResponse)
    }

    @Test func truncatedResponsesReportAClosedConnection() {
        #expect(failure("")?.kind == .connectionClosed)
        #expect(failure("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")?.kind == .connectionClosed)
        #expect(failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")?.kind == .connectionClosed)
    }

    @Test func oversizedResponsesAreRefused() {
        let hugeHeader = "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70_000) + "\r\n\r\n"
        #expect(failure(hugeHeader)?.kind == .responseTooLarge)
        #expect(failure("HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n")?.kind == .responseTooLarge)
        let manyHeaders = "HTTP/1.1 200 OK\r\n" + String(repeating: "A: b\r\n", count: 101) + "\r\n"
        #expect(failure(manyHeaders)?.kind == .responseTooLarge)
    }
}
