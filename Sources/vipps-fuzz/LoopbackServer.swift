import Glibc
import Synchronization

/// A one-thread HTTP server on 127.0.0.1 that answers each request with the next response the
/// abi target queued (or a 503 when none is left), so that the C ABI's result objects (payment,
/// transaction, initiation) are built from fuzzed answers. Connections may be kept alive; one
/// idle for 50 ms is reset (no TIME_WAIT pile-up at thousands of connections a second).
enum LoopbackServer {
    /// Responses for the coming requests, in order. Cleared before each input.
    static let queue = Mutex<[[UInt8]]>([])

    /// The port, once the server runs (started on first use); 1 (nothing listens) if it cannot start.
    static let port: UInt16 = start()

    private static func start() -> UInt16 {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { return 1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 64) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            return 1
        }
        listeningSocket = listener
        var thread = pthread_t()
        guard
            pthread_create(
                &thread, nil,
                { _ in
                    LoopbackServer.serve(LoopbackServer.listeningSocket)
                    return nil
                }, nil) == 0
        else { return 1 }
        pthread_detach(thread)
        return UInt16(bigEndian: address.sin_port)
    }

    nonisolated(unsafe) private static var listeningSocket: Int32 = -1

    private static func serve(_ listener: Int32) {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var pending: [UInt8] = []
            var clientClosed = false
            while let request = readRequest(connection, &pending, &clientClosed) {
                _ = request
                let response =
                    queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                    ?? Array("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                writeAll(connection, response)
            }
            if !clientClosed {
                // Reset rather than close: the client kept the connection, and a FIN from us would
                // leave it in TIME_WAIT on our side.
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            }
            close(connection)
        }
    }

    /// One request (headers and a Content-Length body); nil at EOF, on an error or after 50 ms idle.
    private static func readRequest(_ connection: Int32, _ pending: inout [UInt8], _ clientClosed: inout Bool)
        -> [UInt8]?
    {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            if let end = pending.firstRange(of: terminator)?.upperBound {
                let head = String(decoding: pending[..<end], as: UTF8.self).lowercased()
                var bodyLength = 0
                if let range = head.ranges(of: "content-length:").first {
                    let digits = head[range.upperBound...].drop(while: { $0 == " " }).prefix(while: { $0.isNumber })
                    bodyLength = Int(digits) ?? 0
                }
                if pending.count >= end + bodyLength {
                    let request = Array(pending[..<(end + bodyLength)])
                    pending.removeFirst(end + bodyLength)
                    return request
                }
            }
            guard pending.count < 1 << 20 else { return nil }
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count == 0 { clientClosed = true }
            guard count > 0 else { return nil }
            pending += chunk[0..<count]
        }
    }

    private static func writeAll(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { return }
            offset += written
        }
    }
}
