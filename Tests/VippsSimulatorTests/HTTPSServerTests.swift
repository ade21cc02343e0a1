import Foundation
import Hummingbird
import HummingbirdTesting
import NIOSSL
import Testing

@testable import VippsSimulator

/// The real server on a real socket: HTTPS with a certificate chain that verifies against the local CA.
@Suite("HTTPS server")
struct HTTPSServerTests {
    static let openSSL = "/usr/bin/openssl"

    /// Starts the simulator on a free port, runs `body`, then stops it.
    private func withRunningSimulator(
        stateDirectory: URL,
        _ body: @Sendable (ListeningAddress) async throws -> Void
    ) async throws {
        let configuration = SimulatorConfiguration(port: 0, stateDirectory: stateDirectory, requestLog: { _ in })
        let (addresses, continuation) = AsyncStream.makeStream(of: ListeningAddress.self)
        let application = try VippsSimulator(configuration: configuration).makeApplication { continuation.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            var iterator = addresses.makeAsyncIterator()
            let address = try #require(await iterator.next())
            try await body(address)
            group.cancelAll()
        }
    }

    private func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vipps-sim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(
        "openssl s_client verifies the chain and the host name or IP against ca.pem",
        .enabled(if: FileManager.default.isExecutableFile(atPath: openSSL))
    )
    func opensslVerifies() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stateDirectory = directory.appendingPathComponent("state")
        try await withRunningSimulator(stateDirectory: stateDirectory) { address in
            let caPath = try #require(address.caCertificatePath)
            #expect(caPath == stateDirectory.appendingPathComponent("ca.pem").path)
            #expect(address.baseURL == "https://127.0.0.1:\(address.port)")
            #expect(
                StartupBanner.lines(for: address) == [
                    "vipps-sim 0.1.0 listening on https://127.0.0.1:\(address.port)",
                    "vipps-sim CA certificate: \(caPath)",
                ]
            )
            let keyAttributes = try FileManager.default.attributesOfItem(atPath: stateDirectory.appendingPathComponent("ca-key.pem").path)
            #expect((keyAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            for verification in [["-verify_hostname", "localhost"], ["-verify_ip", "127.0.0.1"]] {
                let output = try runOpenSSL(
                    ["s_client", "-connect", "127.0.0.1:\(address.port)", "-CAfile", caPath, "-verify_return_error"] + verification
                )
                #expect(output.contains("Verify return code: 0 (ok)"), "\(output)")
            }
            let mismatch = try runOpenSSL(
                ["s_client", "-connect", "127.0.0.1:\(address.port)", "-CAfile", caPath, "-verify_hostname", "example.com"]
            )
            #expect(!mismatch.contains("Verify return code: 0 (ok)"))
            let tls11 = try runOpenSSL(["s_client", "-connect", "127.0.0.1:\(address.port)", "-tls1_1"])
            #expect(tls11.contains("no peer certificate available") && tls11.contains("Cipher is (NONE)"), "TLS 1.1 must be refused: \(tls11)")
        }
    }

    @Test("an HTTPS client trusting only ca.pem, with hostname verification, gets answers")
    func httpsRequest() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withRunningSimulator(stateDirectory: directory) { address in
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(try #require(address.caCertificatePath))
            tls.certificateVerification = .fullVerification
            try await TestClient.withClient(
                host: "127.0.0.1",
                port: address.port,
                configuration: .init(tlsConfiguration: tls, serverName: "localhost")
            ) { client in
                let response = try await client.get("/sim/v1/health")
                #expect(response.status == .ok)
                #expect(response.headers[.simulatorVersion] == "0.1.0")
                #expect(response.body.map { String(buffer: $0) } == #"{"status":"ok","version":"0.1.0"}"#)
            }
        }
    }

    @Test("the CA is created once and reused; each start gets a new server certificate")
    func caIsReused() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try TLSSetup(stateDirectory: directory, host: "127.0.0.1")
        let caPEM = try String(contentsOfFile: first.caCertificatePath, encoding: .utf8)
        let keyPEM = try String(contentsOf: directory.appendingPathComponent("ca-key.pem"), encoding: .utf8)
        let second = try TLSSetup(stateDirectory: directory, host: "localhost")
        #expect(second.caCertificatePath == first.caCertificatePath)
        #expect(try String(contentsOfFile: second.caCertificatePath, encoding: .utf8) == caPEM)
        #expect(try String(contentsOf: directory.appendingPathComponent("ca-key.pem"), encoding: .utf8) == keyPEM)
    }

    @Test("subject alternative names cover loopback and the configured host")
    func subjectAlternativeNames() {
        #expect(ServerCertificate.subjectAlternativeNames(for: "127.0.0.1").count == 3)
        #expect(ServerCertificate.subjectAlternativeNames(for: "::1").count == 3)
        #expect(ServerCertificate.subjectAlternativeNames(for: "10.1.2.3").count == 4)
        #expect(ServerCertificate.subjectAlternativeNames(for: "shop.test").count == 4)
    }

    @Test("base URLs put IPv6 literals in brackets")
    func baseURL() {
        #expect(PublicBaseURL.make(usesTLS: true, host: "::1", port: 8443) == "https://[::1]:8443")
        #expect(PublicBaseURL.make(usesTLS: false, host: "localhost", port: 80) == "http://localhost:80")
    }

    /// Runs `openssl` with stdin at end-of-file (so `s_client` disconnects after the handshake).
    private func runOpenSSL(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.openSSL)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
