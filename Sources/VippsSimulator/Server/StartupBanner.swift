/// The start-up lines on stdout. Scripts and tests parse them, so their wording is an interface:
///
///     vipps-sim <version> listening on https://127.0.0.1:8443
///     vipps-sim CA certificate: /absolute/path/ca.pem
public enum StartupBanner {
    public static func lines(for address: ListeningAddress) -> [String] {
        var lines = ["vipps-sim \(SimulatorVersion.current) listening on \(address.baseURL)"]
        if let path = address.caCertificatePath {
            lines.append("vipps-sim CA certificate: \(path)")
        }
        return lines
    }
}

/// Where the running simulator can be reached, known once the server is bound.
public struct ListeningAddress: Sendable, Equatable {
    /// `https://127.0.0.1:PORT` (or `http://` without TLS), with the real bound port.
    let baseURL: String
    let port: Int
    /// Absolute path of the CA certificate clients should trust; `nil` without TLS.
    let caCertificatePath: String?
}

/// The simulator's version: sent in the `Vipps-Sim-Version` header on every response, reported by
/// `/sim/v1/health` and printed in the start-up line.
public enum SimulatorVersion {
    public static let current = "0.2.0"
}
