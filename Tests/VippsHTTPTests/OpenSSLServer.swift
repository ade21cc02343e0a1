import Foundation

/// A TLS peer for tests: `openssl s_server -www` with a freshly made self-signed certificate.
/// It listens on a free port on every address (IPv4 and IPv6) and answers GET with HTTP/1.0.
final class OpenSSLServer {
    let port: Int
    /// The server's self-signed certificate (PEM), usable as a CA file to trust it.
    let certificateFile: String
    private let process: Process
    private let directory: URL

    /// - Parameters:
    ///   - subjectAltNames: e.g. "DNS:localhost,IP:127.0.0.1,IP:::1"
    ///   - validity: start and end as YYYYMMDDHHMMSSZ, for certificates outside their validity
    ///     period (default: valid from now for two days)
    ///   - extraArguments: more s_server options, e.g. ["-tls1_1"]
    init(subjectAltNames: String, validity: (start: String, end: String)? = nil, extraArguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vipps-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = directory.appendingPathComponent("key.pem").path
        certificateFile = directory.appendingPathComponent("cert.pem").path
        if let validity {
            try Self.makeCertificate(
                in: directory, key: key, certificate: certificateFile,
                subjectAltNames: subjectAltNames, validity: validity)
        } else {
            try Self.run(
                "/usr/bin/openssl",
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", key, "-out", certificateFile, "-days", "2",
                    "-subj", "/CN=libvipps test", "-addext", "subjectAltName=\(subjectAltNames)",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                ])
        }
        process = Process()
        // stdbuf: s_server's stdout is a pipe here, and its "ACCEPT" line must arrive at once.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/stdbuf")
        process.arguments =
            ["-oL", "/usr/bin/openssl", "s_server", "-accept", "0", "-cert", certificateFile, "-key", key, "-www"]
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
                let text = line.split(separator: ":").last
            {
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

    /// A self-signed certificate with chosen dates: `openssl req` only makes certificates valid
    /// from now, `openssl ca -selfsign` takes explicit start and end dates.
    private static func makeCertificate(
        in directory: URL, key: String, certificate: String, subjectAltNames: String,
        validity: (start: String, end: String)
    ) throws {
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        try "".write(toFile: path("index.txt"), atomically: true, encoding: .utf8)
        try "01\n".write(toFile: path("serial"), atomically: true, encoding: .utf8)
        try """
        [ ca ]
        default_ca = local
        [ local ]
        database = \(path("index.txt"))
        serial = \(path("serial"))
        new_certs_dir = \(directory.path)
        default_md = sha256
        policy = any
        copy_extensions = copy
        unique_subject = no
        [ any ]
        commonName = supplied

        """.write(toFile: path("ca.cnf"), atomically: true, encoding: .utf8)
        try run(
            "/usr/bin/openssl",
            [
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key, "-out", path("request.csr"), "-subj", "/CN=libvipps test",
                "-addext", "subjectAltName=\(subjectAltNames)",
                "-addext", "basicConstraints=critical,CA:TRUE",
            ])
        try run(
            "/usr/bin/openssl",
            [
                "ca", "-batch", "-config", path("ca.cnf"), "-selfsign", "-keyfile", key,
                "-in", path("request.csr"), "-out", certificate,
                "-startdate", validity.start, "-enddate", validity.end,
            ])
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
