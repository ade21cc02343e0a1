import COpenSSL
import Glibc

/// TLS over a non-blocking TCP socket. OpenSSL reports WANT_READ / WANT_WRITE when the socket
/// would block; we then poll until the deadline, so TLS has the same timeouts as plain TCP.
final class TLSStream: ByteStream {
    private let socket: TCPSocket
    private let ssl: OpaquePointer
    private let context: TLSContext  // keeps the SSL_CTX and BIO method alive as long as `ssl`

    /// Performs the handshake and verifies the certificate chain and the host name (or IP).
    init(
        socket: TCPSocket, context: TLSContext, host: String, isIPLiteral: Bool,
        deadline: MonotonicInstant
    ) throws(HTTPError) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else {
            throw HTTPError(.tls, "cannot create a TLS session: \(TLSContext.drainErrors())")
        }
        self.socket = socket
        self.ssl = ssl
        self.context = context

        guard let bio = vipps_shim_nosigpipe_socket_bio_new(context.socketMethod, socket.descriptor) else {
            throw HTTPError(.tls, "cannot create a socket BIO: \(TLSContext.drainErrors())")
        }
        SSL_set_bio(ssl, bio, bio)  // ssl owns the BIO from here on

        if isIPLiteral {
            guard let parameters = SSL_get0_param(ssl), X509_VERIFY_PARAM_set1_ip_asc(parameters, host) == 1 else {
                throw HTTPError(.tls, "cannot set the IP address to verify: \(TLSContext.drainErrors())")
            }
        } else {
            guard SSL_set1_host(ssl, host) == 1, vipps_shim_SSL_set_tlsext_host_name(ssl, host) == 1 else {
                throw HTTPError(.tls, "cannot set the host name to verify: \(TLSContext.drainErrors())")
            }
        }

        while true {
            let result = SSL_connect(ssl)
            if result == 1 { break }
            let error = SSL_get_error(ssl, result)
            switch error {
            case SSL_ERROR_WANT_READ:
                guard try socket.wait(for: Int16(POLLIN), until: deadline) else {
                    throw HTTPError(.connectTimeout, "TLS handshake with \(host) timed out")
                }
            case SSL_ERROR_WANT_WRITE:
                guard try socket.wait(for: Int16(POLLOUT), until: deadline) else {
                    throw HTTPError(.connectTimeout, "TLS handshake with \(host) timed out")
                }
            default:
                throw HTTPError(.tls, "TLS handshake with \(host) failed: \(handshakeFailureReason(error: error))")
            }
        }
    }

    deinit { SSL_free(ssl) }

    private func handshakeFailureReason(error: Int32) -> String {
        let verify = SSL_get_verify_result(ssl)
        if verify != Int(X509_V_OK) {
            _ = TLSContext.drainErrors()
            let text = String(cString: X509_verify_cert_error_string(verify))
            return "certificate verification failed: \(text)"
        }
        if error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 {
            return "connection closed during the handshake (is the server speaking TLS?)"
        }
        let reason = TLSContext.drainErrors()
        // The first bytes were not a TLS record: typically plain HTTP on an https URL.
        if reason.contains("wrong version number") || reason.contains("packet length too long") {
            return "the server is not speaking TLS (plain HTTP on an https URL?): \(reason)"
        }
        if reason.contains("unsupported protocol") || reason.contains("protocol version") {
            return "the server offers only protocol versions older than TLS 1.2: \(reason)"
        }
        return reason
    }

    func write(_ bytes: UnsafeRawBufferPointer, deadline: () -> MonotonicInstant) throws(HTTPError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            let chunk = Int32(clamping: bytes.count - offset)
            let written = SSL_write(ssl, base + offset, chunk)
            if written > 0 {
                offset += Int(written)
                continue
            }
            let error = SSL_get_error(ssl, written)
            let events: Int16
            switch error {
            case SSL_ERROR_WANT_WRITE: events = Int16(POLLOUT)
            case SSL_ERROR_WANT_READ: events = Int16(POLLIN)
            default:
                throw HTTPError(
                    .connectionClosed, "TLS write failed: \(TLSContext.drainErrors())",
                    requestMayHaveBeenSent: offset > 0)
            }
            guard try socket.wait(for: events, until: deadline()) else {
                throw HTTPError(.timeout, "timed out sending the request", requestMayHaveBeenSent: offset > 0)
            }
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: MonotonicInstant) throws(HTTPError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            ERR_clear_error()
            let received = SSL_read(ssl, base, Int32(clamping: buffer.count))
            if received > 0 { return Int(received) }
            let error = SSL_get_error(ssl, received)
            switch error {
            case SSL_ERROR_ZERO_RETURN:
                return 0
            case SSL_ERROR_WANT_READ:
                guard try socket.wait(for: Int16(POLLIN), until: deadline) else {
                    throw HTTPError(.timeout, "timed out waiting for the response")
                }
            case SSL_ERROR_WANT_WRITE:
                guard try socket.wait(for: Int16(POLLOUT), until: deadline) else {
                    throw HTTPError(.timeout, "timed out waiting for the response")
                }
            case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
                // A reset, or EOF without close_notify: not a clean end. A body delimited by the
                // connection's end could have been cut short by anyone on the path.
                throw HTTPError(.connectionClosed, "the connection ended without a TLS close_notify")
            default:
                throw HTTPError(.connectionClosed, "TLS read failed: \(TLSContext.drainErrors())")
            }
        }
    }

    func isDeadWhileIdle() -> Bool {
        // A TLS 1.3 server may send session tickets after the handshake; those are readable bytes
        // that do not mean the connection is dead. Let OpenSSL consume them without blocking.
        if SSL_pending(ssl) > 0 { return true }
        // Records read ahead but not yet processed are not on the socket any more: probe them
        // (a ticket is consumed, anything else means the connection is unusable).
        if SSL_has_pending(ssl) == 0 {
            var entry = pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, 0) == 0 { return false }
        }
        var probe: UInt8 = 0
        ERR_clear_error()
        let received = SSL_read(ssl, &probe, 1)
        if received > 0 { return true }  // unexpected application data
        let error = SSL_get_error(ssl, received)
        _ = TLSContext.drainErrors()
        return error != SSL_ERROR_WANT_READ
    }

    func close(notifyPeer: Bool) {
        if notifyPeer {
            ERR_clear_error()
            _ = SSL_shutdown(ssl)  // best effort close_notify; the socket is non-blocking
            _ = TLSContext.drainErrors()
        }
        socket.close()
    }
}
