import Glibc
import Synchronization

/// Idle keep-alive connections, shared by every thread that uses one client.
///
/// Fork-aware: the pool remembers which process filled it. In a child process (PHP-FPM and Apache
/// prefork fork after the parent may have used a client) the inherited connections are dropped
/// without a TLS close_notify, because the parent still owns the other end of the same sockets.
final class ConnectionPool: Sendable {
    struct Limits: Sendable {
        var maxIdlePerEndpoint = 8
        /// Servers close idle connections after their own timeout; retire ours before that to
        /// avoid sending a request into a connection the server is closing.
        var maxIdleMilliseconds: Int64 = 20_000
    }

    private struct State {
        var owner: pid_t
        var idle: [HTTPEndpoint: [Connection]] = [:]
    }

    private let state: Mutex<State>
    private let limits: Limits

    init(limits: Limits = Limits()) {
        self.limits = limits
        self.state = Mutex(State(owner: getpid()))
    }

    /// Takes a live idle connection for `endpoint`, or nil when there is none.
    func checkout(_ endpoint: HTTPEndpoint) -> Connection? {
        let candidates: [Connection] = state.withLock { state in
            forgetInheritedConnections(&state)
            return state.idle.removeValue(forKey: endpoint) ?? []
        }
        var remaining = candidates
        var chosen: Connection?
        let now = MonotonicInstant.now()
        // Newest first: the most recently used connection is the least likely to be stale.
        while let candidate = remaining.popLast() {
            let tooOld = candidate.idleSince.milliseconds(until: now) > limits.maxIdleMilliseconds
            if tooOld || candidate.stream.isDeadWhileIdle() {
                candidate.stream.close(notifyPeer: tooOld)  // a dead peer needs no goodbye
                continue
            }
            chosen = candidate
            break
        }
        if !remaining.isEmpty {
            let keep = remaining
            let overflow: [Connection] = state.withLock { state in
                var list = state.idle[endpoint] ?? []
                list.insert(contentsOf: keep, at: 0)
                let excess = max(0, list.count - limits.maxIdlePerEndpoint)
                let dropped = Array(list.prefix(excess))
                state.idle[endpoint] = Array(list.dropFirst(excess))
                return dropped
            }
            overflow.forEach { $0.stream.close(notifyPeer: true) }
        }
        return chosen
    }

    /// Returns a connection after a complete exchange. Connections from another process are closed.
    func checkin(_ connection: Connection) {
        guard connection.ownerProcess == getpid() else {
            connection.stream.close(notifyPeer: false)
            return
        }
        connection.idleSince = .now()
        let dropped: Connection? = state.withLock { state in
            forgetInheritedConnections(&state)
            var list = state.idle[connection.endpoint] ?? []
            list.append(connection)
            var oldest: Connection?
            if list.count > limits.maxIdlePerEndpoint { oldest = list.removeFirst() }
            state.idle[connection.endpoint] = list
            return oldest
        }
        dropped?.stream.close(notifyPeer: true)
    }

    /// Closes every idle connection (used when the client is freed).
    func closeAll() {
        let all: [Connection] = state.withLock { state in
            let list = state.idle.values.flatMap { $0 }
            state.idle.removeAll()
            return list
        }
        all.forEach { $0.stream.close(notifyPeer: $0.ownerProcess == getpid()) }
    }

    /// Number of idle connections (for tests and diagnostics).
    var idleCount: Int { state.withLock { $0.idle.values.reduce(0) { $0 + $1.count } } }

    private func forgetInheritedConnections(_ state: inout State) {
        let current = getpid()
        guard state.owner != current else { return }
        for connection in state.idle.values.flatMap({ $0 }) {
            connection.stream.close(notifyPeer: false)
        }
        state.idle.removeAll()
        state.owner = current
    }
}
