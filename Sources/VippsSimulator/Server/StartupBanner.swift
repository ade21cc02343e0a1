/// The start-up lines on stdout. Scripts and tests parse them, so their wording is an interface:
///
///     vipps-sim 0.2.0 listening on https://127.0.0.1:8443
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
