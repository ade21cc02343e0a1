import Glibc

/// A connected, non-blocking TCP socket. Every wait is a `poll` bounded by a deadline, so no call
/// can block longer than the caller's timeouts, and no thread or signal is needed for that.
final class TCPSocket {
    private(set) var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close() }

    func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// Resolves `host` and connects to the first address (IPv6 or IPv4) that answers in time.
    static func connect(host: String, port: UInt16, deadline: MonotonicInstant) throws(HTTPError) -> TCPSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        // getaddrinfo has no timeout of its own; it is bounded by the resolver's configuration
        // (resolv.conf's timeout and attempts). Bounding it would need a thread, and the library
        // starts none (vipps.h says so).
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == 0 ? "no addresses" : String(cString: gai_strerror(status))
            throw HTTPError(.hostNotFound, "cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(first) }
        var addresses: [addrinfo] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            addresses.append(info.pointee)
            cursor = info.pointee.ai_next
        }
        return try connect(addresses: addresses, deadline: deadline, label: "\(host):\(port)")
    }

    /// Tries `addresses` in order. An address that does not answer (a black-holed IPv6 route,
    /// say) must not use up the whole budget: each try gets an equal share of what remains, the
    /// last one all of it.
    static func connect(addresses: [addrinfo], deadline: MonotonicInstant, label: String) throws(HTTPError) -> TCPSocket
    {
        var lastError = HTTPError(.connectFailed, "cannot connect to \(label)")
        for (index, address) in addresses.enumerated() {
            let now = MonotonicInstant.now()
            guard now < deadline else { throw HTTPError(.connectTimeout, "connect to \(label) timed out") }
            let left = Int64(addresses.count - index)
            let share = now.milliseconds(until: deadline) / left
            let attemptDeadline = left == 1 ? deadline : min(deadline, now.adding(milliseconds: max(share, 1)))
            do {
                return try connect(address: address, deadline: attemptDeadline, label: label)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func connect(address: addrinfo, deadline: MonotonicInstant, label: String) throws(HTTPError)
        -> TCPSocket
    {
        let fd = socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
        guard fd >= 0 else { throw HTTPError(.connectFailed, "socket(): \(errnoText())") }
        let sock = TCPSocket(descriptor: fd)
        let flags = fcntl(fd, F_GETFL, 0)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw HTTPError(.connectFailed, "fcntl(O_NONBLOCK): \(errnoText())")
        }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))

        if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else {
                throw HTTPError(.connectFailed, "connect to \(label): \(errnoText())")
            }
            guard try sock.wait(for: Int16(POLLOUT), until: deadline) else {
                throw HTTPError(.connectTimeout, "connect to \(label) timed out")
            }
            var soError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length) == 0 else {
                throw HTTPError(.connectFailed, "connect to \(label): \(errnoText())")
            }
            if soError != 0 {
                throw HTTPError(.connectFailed, "connect to \(label): \(String(cString: strerror(soError)))")
            }
        }
        return sock
    }

    /// Waits until the socket is ready for `events` or the deadline passes. Returns false on timeout.
    func wait(for events: Int16, until deadline: MonotonicInstant) throws(HTTPError) -> Bool {
        while true {
            let remaining = MonotonicInstant.now().milliseconds(until: deadline)
            if remaining <= 0 { return false }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let result = poll(&entry, 1, Int32(clamping: remaining))
            if result > 0 { return true }  // readable, writable, or an error the next call reports
            if result == 0 { continue }  // re-check the clock; poll may wake a little early
            if errno == EINTR { continue }
            throw HTTPError(.connectionClosed, "poll: \(errnoText())")
        }
    }

    /// True when an idle pooled connection has been closed by the peer (or has unexpected data).
    func isDeadWhileIdle() -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let result = poll(&entry, 1, 0)
        // Readable while idle means EOF, a reset, or bytes nobody asked for: unusable in every case.
        return result != 0
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
