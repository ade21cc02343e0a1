import Foundation
import Glibc
import Testing

@testable import VippsHTTP

/// A listening IPv4 socket on loopback, as an addrinfo the connect code takes.
private final class Listener {
    let fd: Int32
    let port: UInt16
    private let storage: UnsafeMutablePointer<sockaddr_in>

    init(backlog: Int32) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let address = UnsafeMutablePointer<sockaddr_in>.allocate(capacity: 1)
        address.initialize(to: sockaddr_in())
        address.pointee.sin_family = sa_family_t(AF_INET)
        address.pointee.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
        guard descriptor >= 0, bound == 0, listen(descriptor, backlog) == 0 else {
            address.deallocate()
            throw TestSetupError("bind/listen failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = address.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        fd = descriptor
        storage = address
        port = UInt16(bigEndian: address.pointee.sin_port)
    }

    var address: addrinfo {
        var info = addrinfo()
        info.ai_family = AF_INET
        info.ai_socktype = Int32(SOCK_STREAM.rawValue)
        info.ai_protocol = Int32(IPPROTO_TCP)
        info.ai_addrlen = socklen_t(MemoryLayout<sockaddr_in>.size)
        info.ai_addr = UnsafeMutableRawPointer(storage).assumingMemoryBound(to: sockaddr.self)
        return info
    }

    deinit {
        close(fd)
        storage.deallocate()
    }
}

/// Framing and addressing the library must refuse or distrust: what a broken or hostile server,
/// proxy or configuration could otherwise slip past it.
@Suite(.serialized) struct StrictWireTests {
    @Test(arguments: [
        "https://h/x HTTP/1.1\r\nX-Evil: 1\r\n\r\nGET /y", "https://h/a b", "https://h/a\tb",
        "https://h/a\nb", "https://h/a\u{7F}", "https://h/a\u{01}b",
    ])
    func baseURLPathWithSpacesOrControlCharactersIsRefused(text: String) {
        #expect(throws: HTTPError.self) { try HTTPEndpoint(parsing: text) }
    }

    @Test(arguments: [
        "http://010.0.0.1", "http://10.0.0.010:8080", "http://0x0a.0.0.1", "http://10.1",
        "http://167772161", "http://1.2.3.4.5", "http://a.0x10",
    ])
    func ambiguousIPv4FormsAreRefused(text: String) {
        #expect(throws: HTTPError.self) { try HTTPEndpoint(parsing: text) }
    }

    @Test func plainIPv4AndNumericLookingNamesStillWork() throws {
        #expect(try HTTPEndpoint(parsing: "http://10.0.0.1:8080").isIPLiteral)
        #expect(try HTTPEndpoint(parsing: "http://0.0.0.0").isIPLiteral)
        #expect(try !HTTPEndpoint(parsing: "https://api1.example").isIPLiteral)
        #expect(try HTTPEndpoint(parsing: "https://h/ecomm/v2").basePath == "/ecomm/v2")
    }

    @Test func transferEncodingWithContentLengthClosesTheConnection() throws {
        let (response, reusable) = try parse(
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
        #expect(String(decoding: response.body, as: UTF8.self) == "ok")
        #expect(!reusable)
    }

    @Test func everyTransferEncodingHeaderIsRead() {
        let error = failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(error?.kind == .malformedResponse)
    }

    @Test(arguments: ["1 0", " 10", "1\t0", "+10", "0x10"])
    func chunkSizeIsOnlyHexDigits(size: String) {
        let error = failure(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\n0123456789abcdef\r\n0\r\n\r\n")
        #expect(error?.kind == .malformedResponse)
    }

    @Test func chunkSizeMayHaveWhitespaceBeforeAnExtension() throws {
        let (response, _) = try parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2 ;x=1\r\nok\r\n2\t\r\n!!\r\n0\r\n\r\n")
        #expect(String(decoding: response.body, as: UTF8.self) == "ok!!")
    }

    @Test func transferCodingErrorQuotesNoHeaderValue() {
        let secret = "client-secret-0123456789abcdef"
        let error = failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: aaaaaaaaaaaaaaaaaaaa, \(secret)\r\n\r\n")
        #expect(error?.kind == .malformedResponse)
        let message = error?.message ?? ""
        let leaked = (0...(secret.count - 8)).contains { start in
            let piece = secret.dropFirst(start).prefix(8)
            return message.contains(String(piece))
        }
        #expect(!leaked, "message: \(message)")
    }

    /// A full accept queue drops SYNs: connecting to it hangs like a black-holed route.
    @Test func connectTimeoutOnOneAddressTriesTheNext() throws {
        let blackHole = try Listener(backlog: 0)
        var fillers: [Int32] = []
        defer { fillers.forEach { close($0) } }
        for _ in 0..<4 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            let address = blackHole.address
            _ = Glibc.connect(fd, address.ai_addr, address.ai_addrlen)
            fillers.append(fd)
        }
        usleep(100_000)
        let good = try Listener(backlog: 8)
        let started = MonotonicInstant.now()
        let socket = try TCPSocket.connect(
            addresses: [blackHole.address, good.address],
            deadline: started.adding(milliseconds: 3_000), label: "test")
        #expect(socket.descriptor >= 0)
        #expect(started.milliseconds(until: .now()) < 3_000)
    }

    /// A TLS server that sends a close-delimited body and then resets the connection: the body
    /// may have been cut, so it is not a response.
    @Test func abortiveCloseIsNotTheEndOfACloseDelimitedBody() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vipps-rst-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("key.pem").path
        let certificate = directory.appendingPathComponent("cert.pem").path
        try OpenSSLServer.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
                "-subj", "/CN=libvipps test", "-addext", "subjectAltName=IP:127.0.0.1",
                "-addext", "basicConstraints=critical,CA:TRUE",
            ])
        let script = """
            import socket, ssl, struct, sys, time
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(1)
            print(listener.getsockname()[1], flush=True)
            raw, _ = listener.accept()
            tls = context.wrap_socket(raw, server_side=True)
            tls.recv(4096)
            tls.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nConnection: close\\r\\n\\r\\n{\\"partial\\"")
            time.sleep(0.3)
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            raw.close()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, certificate, key]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var seen = ""
        while !seen.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        let port = try #require(Int(seen.trimmingCharacters(in: .whitespacesAndNewlines)))
        let client = HTTPClient(tls: try TLSContext(caFile: certificate))
        let timeouts = HTTPTimeouts(connectMilliseconds: 5_000, readMilliseconds: 5_000, totalMilliseconds: 10_000)
        var failure: HTTPError?
        var body = ""
        do {
            let response = try client.send(
                HTTPRequest(method: .get, path: "/"),
                to: try HTTPEndpoint(parsing: "https://127.0.0.1:\(port)"), timeouts: timeouts)
            body = String(decoding: response.body, as: UTF8.self)
        } catch {
            failure = error
        }
        #expect(failure?.kind == .connectionClosed, "got a response with body \(body)")
    }
}
