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
        usesTLS: Bool = true,
        requestLog: @escaping @Sendable (String) -> Void = { _ in },
        _ body: @Sendable (ListeningAddress) async throws -> Void
    ) async throws {
        let configuration = SimulatorConfiguration(
            port: 0, usesTLS: usesTLS, stateDirectory: stateDirectory, requestLog: requestLog)
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
                    "vipps-sim \(SimulatorVersion.current) listening on https://127.0.0.1:\(address.port)",
                    "vipps-sim CA certificate: \(caPath)",
                ]
            )
            let keyAttributes = try FileManager.default.attributesOfItem(
                atPath: stateDirectory.appendingPathComponent("ca-key.pem").path)
            #expect((keyAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            for verification in [["-verify_hostname", "localhost"], ["-verify_ip", "127.0.0.1"]] {
                let output = try runOpenSSL(
                    ["s_client", "-connect", "127.0.0.1:\(address.port)", "-CAfile", caPath, "-verify_return_error"]
                        + verification
                )
                #expect(output.contains("Verify return code: 0 (ok)"), "\(output)")
            }
            let mismatch = try runOpenSSL(
                [
                    "s_client", "-connect", "127.0.0.1:\(address.port)", "-CAfile", caPath, "-verify_hostname",
                    "example.com",
                ]
            )
            #expect(!mismatch.contains("Verify return code: 0 (ok)"))
            let tls11 = try runOpenSSL(["s_client", "-connect", "127.0.0.1:\(address.port)", "-tls1_1"])
            #expect(
                tls11.contains("no peer certificate available") && tls11.contains("Cipher is (NONE)"),
                "TLS 1.1 must be refused: \(tls11)")
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
                #expect(response.headers[.simulatorVersion] == SimulatorVersion.current)
                #expect(
                    response.body.map { String(buffer: $0) }
                        == #"{"status":"ok","version":"\#(SimulatorVersion.current)"}"#)
            }
        }
    }

    @Test(
        "drop-after on a real socket: the connection ends without a response, and the capture is applied",
        arguments: [true, false])
    func dropAfter(usesTLS: Bool) async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = LogCollector()
        try await withRunningSimulator(stateDirectory: directory, usesTLS: usesTLS, requestLog: { log.append($0) }) {
            address in
            var configuration = TestClient.Configuration(timeout: .seconds(5))
            if usesTLS {
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.trustRoots = .file(try #require(address.caCertificatePath))
                configuration = TestClient.Configuration(
                    tlsConfiguration: tls, timeout: .seconds(5), serverName: "localhost")
            }
            let client = TestClient(host: "127.0.0.1", port: address.port, configuration: configuration)
            client.connect()
            let token = try #require(
                try Self.object(
                    await client.post("/accesstoken/get", headers: SimulatorSession.tokenHeaders(), body: ByteBuffer()))[
                        "access_token"] as? String)
            let initiation = try await client.post(
                "/ecomm/v2/payments", headers: SimulatorSession.apiHeaders(token: token),
                body: ByteBuffer(string: InitiateBody.json(orderId: "order-1")))
            let url = try #require(try Self.object(initiation)["url"] as? String)
            let approval = try await client.post(
                "/ecomm/v2/integration-test/payments/order-1/approve",
                headers: SimulatorSession.apiHeaders(token: token),
                body: ByteBuffer(string: #"{"token":"\#(url.components(separatedBy: "token=").last ?? "")"}"#))
            #expect(approval.status == .ok)
            let fault = try await client.post(
                "/sim/v1/faults", body: ByteBuffer(string: #"{"endpoint":"capture","kind":"drop-after"}"#))
            #expect(fault.status == .ok)

            let started = ContinuousClock.now
            await #expect(throws: (any Error).self) {
                let response = try await client.post(
                    "/ecomm/v2/payments/order-1/capture",
                    headers: SimulatorSession.apiHeaders(token: token, requestID: "dropped"),
                    body: ByteBuffer(string: SimulatorSession.actionBody(amount: 5000)))
                Issue.record("a response arrived: \(response.status)")
            }
            // The client learns at once (no read timeout): the server closed the connection.
            #expect(started.duration(to: .now) < .seconds(3))
            try? await client.shutdown()

            let second = TestClient(host: "127.0.0.1", port: address.port, configuration: configuration)
            second.connect()
            let ledger = try Self.object(await second.get("/sim/v1/payments/order-1"))
            #expect(ledger["captured"] as? Int == 5000)
            #expect(ledger["requests"] as? [String: Int] == ["capture": 1, "refund": 0, "cancel": 0])
            // The client's recovery: the same key again answers with what the lost response said.
            let retry = try await second.post(
                "/ecomm/v2/payments/order-1/capture",
                headers: SimulatorSession.apiHeaders(token: token, requestID: "dropped"),
                body: ByteBuffer(string: SimulatorSession.actionBody(amount: 5000)))
            #expect(retry.status == .ok)
            try? await second.shutdown()
        }
        #expect(
            log.all.contains {
                $0.hasPrefix("POST /ecomm/v2/payments/order-1/capture 000 ") && $0.hasSuffix("fault=drop-after")
            })
    }

    private static func object(_ response: TestClient.Response) throws -> [String: Any] {
        let data = Data(buffer: response.body ?? ByteBuffer())
        return try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any],
            "\(String(buffer: response.body ?? ByteBuffer()))")
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
