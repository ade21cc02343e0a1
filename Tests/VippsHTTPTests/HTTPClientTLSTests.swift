import Testing

@testable import VippsHTTP

private let timeouts = HTTPTimeouts(connectMilliseconds: 5_000, readMilliseconds: 5_000, totalMilliseconds: 10_000)

private func get(_ client: HTTPClient, _ url: String, path: String = "/") throws(HTTPError) -> HTTPResponse {
    try client.send(HTTPRequest(method: .get, path: path), to: try HTTPEndpoint(parsing: url), timeouts: timeouts)
}

private func tlsFailure(_ body: () throws(HTTPError) -> Void) -> HTTPError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// TLS against `openssl s_server`: verified connections over IPv4 and IPv6, and each way a
/// certificate check must fail.
@Suite(.serialized) struct HTTPClientTLSTests {
    @Test func trustedCertificateOverIPv4AndIPv6() throws {
        let server = try OpenSSLServer(subjectAltNames: "DNS:localhost,IP:127.0.0.1,IP:::1")
        let client = HTTPClient(tls: try TLSContext(caFile: server.certificateFile))
        for url in [
            "https://127.0.0.1:\(server.port)", "https://[::1]:\(server.port)", "https://localhost:\(server.port)",
        ] {
            let response = try get(client, url)
            #expect(response.status == 200)
            #expect(
                String(decoding: response.body, as: UTF8.self).contains("<HTML>")
                    || String(decoding: response.body, as: UTF8.self).contains("<pre>"))
        }
        // s_server -www answers HTTP/1.0 and closes: nothing may be pooled.
        #expect(client.idleConnectionCount == 0)
    }

    @Test func unknownCertificateAuthorityIsRefused() throws {
        let server = try OpenSSLServer(subjectAltNames: "DNS:localhost,IP:127.0.0.1")
        let client = HTTPClient(tls: try TLSContext(caFile: nil))  // the system store
        let error = tlsFailure { () throws(HTTPError) in _ = try get(client, "https://127.0.0.1:\(server.port)") }
        #expect(error?.kind == .tls)
        #expect(error?.message.contains("certificate verification failed") == true)
        #expect(error?.requestMayHaveBeenSent == false)
    }

    @Test func hostNameMismatchIsRefused() throws {
        let server = try OpenSSLServer(subjectAltNames: "DNS:wrong.example")
        let client = HTTPClient(tls: try TLSContext(caFile: server.certificateFile))
        let byName = tlsFailure { () throws(HTTPError) in _ = try get(client, "https://localhost:\(server.port)") }
        #expect(byName?.kind == .tls)
        #expect(byName?.message.contains("mismatch") == true)
        let byAddress = tlsFailure { () throws(HTTPError) in _ = try get(client, "https://127.0.0.1:\(server.port)") }
        #expect(byAddress?.kind == .tls)
        #expect(byAddress?.message.contains("mismatch") == true)
    }

    @Test func expiredCertificateIsRefused() throws {
        let server = try OpenSSLServer(
            subjectAltNames: "IP:127.0.0.1", validity: ("20200101000000Z", "20210101000000Z"))
        let client = HTTPClient(tls: try TLSContext(caFile: server.certificateFile))
        let error = tlsFailure { () throws(HTTPError) in _ = try get(client, "https://127.0.0.1:\(server.port)") }
        #expect(error?.kind == .tls)
        #expect(error?.message.contains("expired") == true)
    }

    @Test func notYetValidCertificateIsRefused() throws {
        let server = try OpenSSLServer(
            subjectAltNames: "IP:127.0.0.1", validity: ("20990101000000Z", "21000101000000Z"))
        let client = HTTPClient(tls: try TLSContext(caFile: server.certificateFile))
        let error = tlsFailure { () throws(HTTPError) in _ = try get(client, "https://127.0.0.1:\(server.port)") }
        #expect(error?.kind == .tls)
        #expect(error?.message.contains("not yet valid") == true)
    }

    @Test func serverOfferingOnlyTLS11IsRefused() throws {
        let server = try OpenSSLServer(
            subjectAltNames: "IP:127.0.0.1",
            extraArguments: ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"])
        let client = HTTPClient(tls: try TLSContext(caFile: server.certificateFile))
        let error = tlsFailure { () throws(HTTPError) in _ = try get(client, "https://127.0.0.1:\(server.port)") }
        #expect(error?.kind == .tls)
        #expect(error?.message.contains("protocol") == true)
    }

    @Test func plainTextServerOnAnHTTPSURLIsRefused() throws {
        let server = try PlainTextServer(answer: "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        let client = HTTPClient(tls: try TLSContext(caFile: nil))
        let error = tlsFailure { () throws(HTTPError) in _ = try get(client, "https://127.0.0.1:\(server.port)") }
        #expect(error?.kind == .tls)
        #expect(error?.message.contains("not speaking TLS") == true)
    }

    @Test func missingCAFileIsReported() {
        #expect(throws: HTTPError.self) { try TLSContext(caFile: "/nonexistent/ca.pem") }
    }

    @Test func connectionRefusedIsANetworkFailureBeforeSending() {
        let client = HTTPClient(tls: nil)
        let error = tlsFailure { () throws(HTTPError) in _ = try get(client, "http://127.0.0.1:1") }
        #expect(error?.kind == .connectFailed)
        #expect(error?.requestMayHaveBeenSent == false)
    }
}

/// Keep-alive against the simulator (present when run by `make test`).
@Suite(.enabled(if: RunningSimulator.isAvailable, "needs vipps-sim; run through make test"))
struct HTTPClientKeepAliveTests {
    @Test func connectionsAreReused() throws {
        guard let url = RunningSimulator.url, let ca = RunningSimulator.caFile else { return }
        let client = HTTPClient(tls: try TLSContext(caFile: ca))
        for _ in 0..<5 {
            let response = try get(client, url, path: "/sim/v1/health")
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self).contains("ok"))
            #expect(client.idleConnectionCount == 1)
        }
    }
}
