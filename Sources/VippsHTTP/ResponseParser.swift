/// Parses one HTTP/1.x response from a byte source: status line, headers, and a body framed by
/// Content-Length, chunked transfer coding, or the end of the connection.
///
/// It is written against a plain "give me more bytes" closure so that it can be fed from a socket,
/// from TLS, or from a fuzzer's buffer alike, and it enforces size limits on everything it keeps.
/// `package` access: the fuzzers (Sources/vipps-fuzz) drive it directly; nothing is exported.
package struct ResponseParser {
    package struct Limits {
        package var maxHeaderBytes = 64 * 1024
        package var maxHeaderCount = 100
        package var maxBodyBytes = 16 * 1024 * 1024

        package init() {}
    }

    /// Fills the given buffer with at least one byte and returns the count, or 0 at end of stream.
    package typealias Source = (UnsafeMutableRawBufferPointer) throws(HTTPError) -> Int

    private let source: Source
    private let limits: Limits
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// True once any byte of the response has arrived (a reused connection that yields nothing
    /// was closed by the server before it read our request).
    private(set) var receivedAnyByte = false

    package init(limits: Limits = Limits(), source: @escaping Source) {
        self.limits = limits
        self.source = source
        buffer.reserveCapacity(16 * 1024)
    }

    /// Reads the next complete response. `isHeadRequest` suppresses the body.
    /// Returns the response and whether the connection may carry another request.
    package mutating func readResponse(isHeadRequest: Bool = false) throws(HTTPError) -> (HTTPResponse, reusable: Bool)
    {
        var headerBytes = 0
        while true {
            let statusLine = try readLine(headerBytes: &headerBytes)
            let (version, status, reason) = try parseStatusLine(statusLine)
            let headers = try readHeaders(headerBytes: &headerBytes)
            // 1xx responses are interim; the real one follows (101 would switch protocols: unsupported).
            if status >= 100 && status < 200 {
                if status == 101 { throw malformed("unexpected 101 Switching Protocols") }
                continue
            }
            let connectionTokens = headerValues(headers, "connection").flatMap {
                $0.lowercased().split(separator: ",").map { $0.trimmingSpaces() }
            }
            var reusable =
                version == "HTTP/1.1" ? !connectionTokens.contains("close") : connectionTokens.contains("keep-alive")

            let body: [UInt8]
            let encodings = headerValues(headers, "transfer-encoding")
            if isHeadRequest || status == 204 || status == 304 {
                body = []
            } else if !encodings.isEmpty {
                // Every Transfer-Encoding header counts (they form one list). The value is not
                // quoted in the error: a server may echo anything there, a secret included.
                let codings = encodings.flatMap { $0.lowercased().split(separator: ",").map { $0.trimmingSpaces() } }
                guard codings == ["chunked"] else { throw malformed("unsupported transfer coding") }
                // With Content-Length as well the message is ambiguous (a smuggling signature):
                // chunked wins, as the standard says, but the connection is not trusted again.
                if !headerValues(headers, "content-length").isEmpty { reusable = false }
                body = try readChunkedBody(headerBytes: &headerBytes)
            } else if let length = try contentLength(headers) {
                guard length <= limits.maxBodyBytes else {
                    throw HTTPError(.responseTooLarge, "response body of \(length) bytes exceeds the limit")
                }
                body = try readExactly(length)
            } else {
                body = try readUntilEnd()
                reusable = false
            }
            return (HTTPResponse(status: status, reason: reason, headers: headers, body: body), reusable)
        }
    }

    /// True when bytes beyond the response are already buffered (the peer sent more than asked).
    package var hasUnconsumedBytes: Bool { position < buffer.count }

    // MARK: - Framing

    private func parseStatusLine(_ line: [UInt8]) throws(HTTPError) -> (String, Int, String) {
        // "HTTP/1.1 200 OK" — the reason phrase may be empty or absent.
        guard line.count >= 12, line.starts(with: Array("HTTP/1.".utf8)),
            line[7] == UInt8(ascii: "0") || line[7] == UInt8(ascii: "1"),
            line[8] == UInt8(ascii: " ")
        else {
            throw malformed("invalid status line")
        }
        let digits = line[9..<12]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw malformed("invalid status code")
        }
        let status = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard status >= 100 else { throw malformed("invalid status code") }
        if line.count > 12 && line[12] != UInt8(ascii: " ") { throw malformed("invalid status line") }
        let reason = line.count > 13 ? String(decoding: line[13...], as: UTF8.self) : ""
        return (String(decoding: line[0..<8], as: UTF8.self), status, reason)
    }

    private mutating func readHeaders(headerBytes: inout Int) throws(HTTPError) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        while true {
            let line = try readLine(headerBytes: &headerBytes)
            if line.isEmpty { return headers }
            guard headers.count < limits.maxHeaderCount else {
                throw HTTPError(.responseTooLarge, "response has more than \(limits.maxHeaderCount) headers")
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
                throw malformed("invalid header line")
            }
            if line[0] == UInt8(ascii: " ") || line[0] == UInt8(ascii: "\t") {
                throw malformed("obsolete folded header line")
            }
            guard HeaderValidation.isValidName(bytes: line[0..<colon]) else { throw malformed("invalid header name") }
            // Optional whitespace around the value is trimmed on the bytes, before any String exists.
            var valueStart = colon + 1
            var valueEnd = line.count
            while valueStart < valueEnd && (line[valueStart] == 0x20 || line[valueStart] == 0x09) { valueStart += 1 }
            while valueEnd > valueStart && (line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09) { valueEnd -= 1 }
            headers.append(
                (
                    name: String(decoding: line[0..<colon], as: UTF8.self),
                    value: String(decoding: line[valueStart..<valueEnd], as: UTF8.self)
                ))
        }
    }

    private func headerValues(_ headers: [(name: String, value: String)], _ name: String) -> [String] {
        headers.filter { HeaderValidation.namesMatch($0.name, name) }.map(\.value)
    }

    private func contentLength(_ headers: [(name: String, value: String)]) throws(HTTPError) -> Int? {
        let values = headerValues(headers, "content-length").flatMap {
            $0.split(separator: ",").map { $0.trimmingSpaces() }
        }
        guard let first = values.first else { return nil }
        // Differing lengths are a request-smuggling signature: refuse rather than guess.
        guard values.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 15,
            first.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let length = Int(first)
        else {
            throw malformed("invalid Content-Length")
        }
        return length
    }

    private mutating func readChunkedBody(headerBytes: inout Int) throws(HTTPError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try readLine(headerBytes: &headerBytes, counted: false)
            // Hex digits, then optional whitespace only before a ";" extension: "1 0" is not 0x10.
            var sizeText = sizeLine.prefix(while: { $0 != UInt8(ascii: ";") })
            while let last = sizeText.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                sizeText.removeLast()
            }
            guard !sizeText.isEmpty, sizeText.count <= 8 else { throw malformed("invalid chunk size") }
            var size = 0
            for byte in sizeText {
                guard let digit = hexValue(byte) else { throw malformed("invalid chunk size") }
                size = size * 16 + digit
            }
            if size == 0 { break }
            guard body.count + size <= limits.maxBodyBytes else {
                throw HTTPError(.responseTooLarge, "chunked response body exceeds the limit")
            }
            body += try readExactly(size)
            let terminator = try readLine(headerBytes: &headerBytes, counted: false)
            guard terminator.isEmpty else { throw malformed("chunk not followed by CRLF") }
        }
        // Trailer fields, if any, are read and dropped; the empty line ends the message.
        var trailerBytes = 0
        while try !readLine(headerBytes: &trailerBytes).isEmpty {}
        return body
    }

    private func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    // MARK: - Buffering

    /// Reads one line without its CRLF (a bare LF is accepted too).
    private mutating func readLine(headerBytes: inout Int, counted: Bool = true) throws(HTTPError) -> [UInt8] {
        // How far past `position` has been searched already. Kept relative because fill() may
        // move the unread bytes to the front of the buffer.
        var searched = 0
        while true {
            if let newline = buffer[(position + searched)...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[position..<end])
                let consumed = newline + 1 - position
                position = newline + 1
                if counted {
                    headerBytes += consumed
                    if headerBytes > limits.maxHeaderBytes {
                        throw HTTPError(.responseTooLarge, "response headers exceed \(limits.maxHeaderBytes) bytes")
                    }
                }
                return line
            }
            searched = buffer.count - position
            if searched > limits.maxHeaderBytes {
                throw HTTPError(.responseTooLarge, "response line exceeds \(limits.maxHeaderBytes) bytes")
            }
            guard try fill() else {
                throw HTTPError(
                    .connectionClosed,
                    receivedAnyByte
                        ? "connection closed in the middle of the response"
                        : "connection closed before any response")
            }
        }
    }

    private mutating func readExactly(_ count: Int) throws(HTTPError) -> [UInt8] {
        while buffer.count - position < count {
            guard try fill() else { throw HTTPError(.connectionClosed, "connection closed in the middle of the body") }
        }
        let bytes = Array(buffer[position..<(position + count)])
        position += count
        return bytes
    }

    private mutating func readUntilEnd() throws(HTTPError) -> [UInt8] {
        // Checked before the first read too: body bytes that arrived with the headers count
        // (found by the http-response fuzzer: a short body over a small limit passed).
        repeat {
            if buffer.count - position > limits.maxBodyBytes {
                throw HTTPError(.responseTooLarge, "response body exceeds the limit")
            }
        } while try fill()
        let bytes = Array(buffer[position...])
        position = buffer.count
        return bytes
    }

    /// Appends more bytes from the source; false at end of stream.
    private mutating func fill() throws(HTTPError) -> Bool {
        if atEnd { return false }
        // Drop what has been consumed so the buffer does not grow with each response.
        if position > 0 && position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        } else if position > 64 * 1024 {
            buffer.removeFirst(position)
            position = 0
        }
        // Read into scratch memory and append what arrived: growing the array by a zeroed chunk
        // first, to read into it, cost more than the copy (a response is mostly far below a chunk).
        let chunk = 16 * 1024
        var received = 0
        var failure: HTTPError?
        let source = self.source
        withUnsafeTemporaryAllocation(byteCount: chunk, alignment: 1) { scratch in
            do throws(HTTPError) { received = try source(scratch) } catch { failure = error }
            if received > 0 {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<min(received, chunk)]))
            }
        }
        if let failure { throw failure }
        if received <= 0 {
            atEnd = true
            return false
        }
        receivedAnyByte = true
        return true
    }

    private func malformed(_ message: String) -> HTTPError {
        HTTPError(.malformedResponse, "malformed HTTP response: \(message)")
    }
}

extension StringProtocol {
    /// Trims spaces and horizontal tabs (HTTP's optional whitespace) without Foundation.
    /// Works on UTF-8 bytes: iterating Characters (grapheme clusters) cost more than the rest of
    /// header parsing together.
    public func trimmingSpaces() -> String {
        var first: String.Index?
        var last: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                if first == nil { first = index }
                last = index
            }
            utf8.formIndex(after: &index)
        }
        guard let first, let last else { return "" }
        return String(self[first...last])
    }
}
