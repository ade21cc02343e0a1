import COpenSSL

/// The TLS settings shared by all connections of one client: an OpenSSL `SSL_CTX` that requires
/// TLS 1.2 or later and verifies the peer's chain against either the system's trust store or one
/// CA file. Hostname verification is set per connection (see `TLSStream`).
public final class TLSContext: @unchecked Sendable {
    // @unchecked: SSL_CTX is safe to share once configured; it is never modified after init.
    let context: OpaquePointer
    let socketMethod: OpaquePointer

    /// - Parameter caFile: PEM file with the certificates to trust instead of the system store.
    public init(caFile: String?) throws(HTTPError) {
        // The host (PHP's or Python's OpenSSL use) may have left errors on this thread's queue;
        // they must not appear in ours.
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw HTTPError(.tls, "cannot create a TLS context: \(TLSContext.drainErrors())")
        }
        guard let method = vipps_shim_nosigpipe_socket_method_new() else {
            SSL_CTX_free(context)
            throw HTTPError(.tls, "cannot create the socket BIO method")
        }
        self.context = context
        self.socketMethod = method

        guard vipps_shim_SSL_CTX_set_min_proto_version(context, vipps_shim_TLS1_2_VERSION) == 1 else {
            throw HTTPError(.tls, "cannot require TLS 1.2: \(TLSContext.drainErrors())")
        }
        _ = SSL_CTX_set_options(context, UInt64(vipps_shim_SSL_OP_NO_RENEGOTIATION))
        // Partial writes and moving buffers: our write loop resumes from where OpenSSL stopped.
        _ = vipps_shim_SSL_CTX_set_mode(
            context,
            vipps_shim_SSL_MODE_ENABLE_PARTIAL_WRITE
                | vipps_shim_SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        // Read whatever the socket holds, not a record's 5-byte header and then its rest: one
        // read per response instead of two. Bytes read ahead are not in SSL_pending; TLSStream
        // asks SSL_has_pending where that matters.
        vipps_shim_SSL_CTX_set_read_ahead(context, 1)

        if let caFile {
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                throw HTTPError(.tls, "cannot load CA file \(caFile): \(TLSContext.drainErrors())")
            }
        } else {
            guard SSL_CTX_set_default_verify_paths(context) == 1 else {
                throw HTTPError(.tls, "cannot load the system CA store: \(TLSContext.drainErrors())")
            }
        }
    }

    deinit {
        SSL_CTX_free(context)
        BIO_meth_free(socketMethod)
    }

    /// Empties OpenSSL's per-thread error queue and returns its entries as one line. The queue
    /// must be emptied after every failure, or a stale entry would be blamed for the next one.
    static func drainErrors() -> String {
        var parts: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            parts.append(
                String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return parts.isEmpty ? "unknown TLS error" : parts.joined(separator: "; ")
    }
}
