import Foundation
import NIOSSL
import X509

/// Everything HTTPS needs at start-up: the local CA (loaded or created) and a fresh server certificate.
struct TLSSetup {
    let configuration: TLSConfiguration
    /// Absolute path of the CA certificate that clients should trust.
    let caCertificatePath: String

    init(stateDirectory: URL, host: String) throws {
        let directory = stateDirectory.standardizedFileURL
        let authority = try CertificateAuthority.loadOrCreate(in: directory)
        let server = try ServerCertificate.issue(by: authority, host: host)
        let certificate = try NIOSSLCertificate(
            bytes: Array(try server.certificate.serializeAsPEM().pemString.utf8), format: .pem)
        let privateKey = try NIOSSLPrivateKey(bytes: Array(server.privateKey.pemRepresentation.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate)],
            privateKey: .privateKey(privateKey)
        )
        configuration.minimumTLSVersion = .tlsv12
        self.configuration = configuration
        caCertificatePath = authority.certificateFile.path
    }
}
