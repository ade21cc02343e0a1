import AsyncHTTPClient
import NIOSSL

/// The one HTTP client for every call to the shop (payment-update callbacks, consent removal).
///
/// Process-wide and never shut down: an `HTTPClient` must be shut down before it is released, and a
/// static never is, so simulators created per test need no lifecycle of their own.
enum ShopHTTPClient {
    static let shared: HTTPClient = {
        // Decision: trust any certificate. The shop under test is usually on this machine with plain
        // http:// or a self-signed https:// certificate, and vipps-sim is a loopback test tool: it has no
        // secret worth protecting (the authToken it sends back is the shop's own test value).
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        // Vipps does not follow redirects (reference §5.1): a 3xx is the shop's answer, recorded as such.
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow)
        // One attempt means one: a refused connection is the shop's answer, recorded at once, instead
        // of the client quietly reconnecting until the 3 s deadline (retries are `--callback-retries`).
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
