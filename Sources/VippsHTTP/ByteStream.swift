import Glibc

/// A bidirectional byte stream with deadlines: plain TCP or TLS over TCP.
protocol ByteStream: AnyObject {
    /// Writes all bytes or throws. `deadline` bounds each wait for the peer to accept data.
    func write(_ bytes: UnsafeRawBufferPointer, deadline: () -> MonotonicInstant) throws(HTTPError)
    /// Reads at least one byte into `buffer`; returns 0 at end of stream.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: MonotonicInstant) throws(HTTPError) -> Int
    /// True when the stream cannot be reused (peer closed it while it sat in the pool).
    func isDeadWhileIdle() -> Bool
    /// Releases the stream. When `notifyPeer` is false nothing is sent (used after fork, where the
    /// parent still owns the other end of the same connection).
    func close(notifyPeer: Bool)
}

/// Plain TCP, for `http://` base URLs that a caller chose explicitly (a local simulator).
final class PlainStream: ByteStream {
    private let socket: TCPSocket

    init(socket: TCPSocket) { self.socket = socket }

    func write(_ bytes: UnsafeRawBufferPointer, deadline: () -> MonotonicInstant) throws(HTTPError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a closed peer must give an error, not a SIGPIPE that kills the host.
            let sent = send(socket.descriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                guard try socket.wait(for: Int16(POLLOUT), until: deadline()) else {
                    throw HTTPError(.timeout, "timed out sending the request", requestMayHaveBeenSent: offset > 0)
                }
            } else {
                throw HTTPError(.connectionClosed, "send: \(errnoText())", requestMayHaveBeenSent: offset > 0)
            }
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: MonotonicInstant) throws(HTTPError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let received = recv(socket.descriptor, base, buffer.count, 0)
            if received >= 0 { return received }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                guard try socket.wait(for: Int16(POLLIN), until: deadline) else {
                    throw HTTPError(.timeout, "timed out waiting for the response")
                }
                continue
            }
            throw HTTPError(.connectionClosed, "recv: \(errnoText())")
        }
    }

    func isDeadWhileIdle() -> Bool { socket.isDeadWhileIdle() }

    func close(notifyPeer: Bool) { socket.close() }
}
