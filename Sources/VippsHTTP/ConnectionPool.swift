import Glibc

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

    private let state: ProcessLock<State>
    private let limits: Limits

    init(limits: Limits = Limits()) {
        self.limits = limits
        self.state = ProcessLock(State(owner: CurrentProcess.id))
    }

    /// Takes a live idle connection for `endpoint`, or nil when there is none.
    ///
    /// One candidate at a time, newest first (the most recently used connection is the least
    /// likely to be stale): the others stay in the pool for concurrent callers. Taking the whole
    /// list out while checking made a second thread find the pool empty and open a connection of
    /// its own, with a TLS handshake, again and again (seen in make bench with two threads).
    func checkout(_ endpoint: HTTPEndpoint) -> Connection? {
        while true {
            let (candidate, inherited) = state.withLock { state -> (Connection?, [Connection]) in
                let inherited = forgetInheritedConnections(&state)
                return (state.idle[endpoint]?.popLast(), inherited)
            }
            Self.drop(inherited)
            guard let candidate else { return nil }
            // The liveness probe is a system call: outside the lock.
            let tooOld = candidate.idleSince.milliseconds(until: .now()) > limits.maxIdleMilliseconds
            if tooOld || candidate.stream.isDeadWhileIdle() {
                candidate.stream.close(notifyPeer: tooOld)  // a dead peer needs no goodbye
                continue
            }
            return candidate
        }
    }

    /// Returns a connection after a complete exchange. Connections from another process are closed.
    func checkin(_ connection: Connection) {
        let current = CurrentProcess.id
        guard connection.ownerProcess == current else {
            connection.stream.close(notifyPeer: false)
            return
        }
        connection.idleSince = .now()
        let maxIdle = limits.maxIdlePerEndpoint
        let (dropped, inherited) = state.withLock { state -> (Connection?, [Connection]) in
            let inherited = forgetInheritedConnections(&state, current: current)
            // Mutated in place: a copy of the list would be an allocation per request.
            state.idle[connection.endpoint, default: []].append(connection)
            guard let count = state.idle[connection.endpoint]?.count, count > maxIdle else { return (nil, inherited) }
            return (state.idle[connection.endpoint]?.removeFirst(), inherited)
        }
        Self.drop(inherited)
        dropped?.stream.close(notifyPeer: true)
    }

    /// Closes every idle connection (used when the client is freed).
    func closeAll() {
        let all: [Connection] = state.withLock { state in
            let list = state.idle.values.flatMap { $0 }
            state.idle.removeAll()
            return list
        }
        let current = CurrentProcess.id
        all.forEach { $0.stream.close(notifyPeer: $0.ownerProcess == current) }
    }

    /// Number of idle connections (for tests and diagnostics).
    var idleCount: Int { state.withLock { $0.idle.values.reduce(0) { $0 + $1.count } } }

    /// In a child process: empties the pool of the parent's connections and returns them, to be
    /// closed after the lock is released (closing is a system call per connection).
    private func forgetInheritedConnections(_ state: inout State, current: pid_t = CurrentProcess.id) -> [Connection] {
        guard state.owner != current else { return [] }
        let inherited = state.idle.values.flatMap { $0 }
        state.idle.removeAll()
        state.owner = current
        return inherited
    }

    private static func drop(_ inherited: [Connection]) {
        for connection in inherited { connection.stream.close(notifyPeer: false) }
    }
}
