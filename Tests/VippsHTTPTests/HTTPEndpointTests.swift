import Testing

@testable import VippsHTTP

@Suite struct HTTPEndpointTests {
    @Test func parsesHostsPortsAndPaths() throws {
        let plain = try HTTPEndpoint(parsing: "https://apitest.vipps.no")
        #expect(plain.scheme == .https && plain.host == "apitest.vipps.no" && plain.port == 443 && plain.basePath == "")
        #expect(plain.hostHeader == "apitest.vipps.no")

        let local = try HTTPEndpoint(parsing: "http://127.0.0.1:8080/prefix/")
        #expect(local.scheme == .http && local.port == 8080 && local.basePath == "/prefix" && local.isIPLiteral)
        #expect(local.hostHeader == "127.0.0.1:8080")

        let six = try HTTPEndpoint(parsing: "HTTPS://[::1]:8443")
        #expect(six.host == "::1" && six.port == 8443 && six.isIPLiteral && six.hostHeader == "[::1]:8443")
    }

    @Test(arguments: [
        "ftp://x", "https://", "https://a b", "https://x:0", "https://x:65536", "https://x:12a",
        "https://[::1", "https://[zz]:1", "https://user@host", "https://host/?q=1", "host.example",
    ])
    func refusesMalformedURLs(text: String) {
        #expect(throws: HTTPError.self) { try HTTPEndpoint(parsing: text) }
    }
}
