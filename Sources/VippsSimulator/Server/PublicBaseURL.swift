import Synchronization

/// The simulator's own base URL (`https://127.0.0.1:8443`), used for the landing page URLs it hands out.
/// It is known for certain only once the server is bound (with `--port 0` the system picks the port).
final class PublicBaseURL: Sendable {
    private let value: Mutex<String>

    init(_ initial: String) {
        value = Mutex(initial)
    }

    var current: String { value.withLock { $0 } }

    func update(_ newValue: String) {
        value.withLock { $0 = newValue }
    }

    /// `scheme://host:port`, with an IPv6 literal in brackets.
    static func make(usesTLS: Bool, host: String, port: Int) -> String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(usesTLS ? "https" : "http")://\(hostPart):\(port)"
    }
}
