import Foundation

/// A TLS peer for tests: `openssl s_server -www` with a freshly made self-signed certificate.
/// It listens on a free port on every address (IPv4 and IPv6) and answers GET with HTTP/1.0.
final class OpenSSLServer {
    let port: Int
    /// The server's self-signed certificate (PEM), usable as a CA file to trust it.
    let certificateFile: String
    private let process: Process
    private let directory: URL

    /// - Parameter subjectAltNames: e.g. "DNS:localhost,IP:127.0.0.1,IP:::1"
    init(subjectAltNames: String, extraArguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vipps-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = directory.appendingPathComponent("key.pem").path
        certificateFile = directory.appendingPathComponent("cert.pem").path
        try Self.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                          "-nodes", "-keyout", key, "-out", certificateFile, "-days", "2",
                                          "-subj", "/CN=libvipps test", "-addext", "subjectAltName=\(subjectAltNames)",
                                          "-addext", "basicConstraints=critical,CA:TRUE"])
        process = Process()
        // stdbuf: s_server's stdout is a pipe here, and its "ACCEPT" line must arrive at once.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/stdbuf")
        process.arguments = ["-oL", "/usr/bin/openssl", "s_server", "-accept", "0", "-cert", certificateFile, "-key", key, "-www"]
            + extraArguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // s_server prints "ACCEPT [::]:PORT" once it listens.
        var seen = ""
        var port: Int?
        while port == nil {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            if let line = seen.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
               let text = line.split(separator: ":").last {
                port = Int(text.trimmingCharacters(in: .whitespaces))
            }
        }
        guard let port else {
            process.terminate()
            throw TestSetupError("openssl s_server did not start: \(seen)")
        }
        self.port = port
    }

    deinit {
        // s_server does not always stop on SIGTERM; SIGKILL is certain.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSetupError("\(tool) \(arguments.first ?? "") failed") }
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The simulator started by scripts/with-simulator.sh (`make test`), if any.
enum RunningSimulator {
    static var url: String? { ProcessInfo.processInfo.environment["VIPPS_SIM_URL"] }
    static var caFile: String? { ProcessInfo.processInfo.environment["VIPPS_SIM_CA"] }
    static var isAvailable: Bool { url != nil && caFile != nil }
}
