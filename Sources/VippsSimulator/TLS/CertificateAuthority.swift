import Crypto
import Foundation
import X509

/// The simulator's local certificate authority: an ECDSA P-256 key and a self-signed CA certificate,
/// kept in the state directory as `ca.pem` and `ca-key.pem` and reused on every start, so that a shop
/// configures `ca.pem` as its trust root once.
///
/// Certificate dates come from the wall clock, never from the `SimulatorClock`: TLS clients check
/// them against their own clock, whatever time the simulator pretends it is.
struct CertificateAuthority {
    static let certificateFileName = "ca.pem"
    static let privateKeyFileName = "ca-key.pem"

    let certificate: Certificate
    let privateKey: P256.Signing.PrivateKey
    let certificateFile: URL

    struct Error: Swift.Error, CustomStringConvertible {
        let description: String
    }

    /// Loads the CA from `directory`, or creates it (and the directory) when neither file exists.
    static func loadOrCreate(in directory: URL) throws -> CertificateAuthority {
        let certificateFile = directory.appendingPathComponent(certificateFileName)
        let keyFile = directory.appendingPathComponent(privateKeyFileName)
        let fileManager = FileManager.default
        switch (fileManager.fileExists(atPath: certificateFile.path), fileManager.fileExists(atPath: keyFile.path)) {
        case (true, true):
            let certificate = try Certificate(pemEncoded: String(contentsOf: certificateFile, encoding: .utf8))
            let privateKey = try P256.Signing.PrivateKey(
                pemRepresentation: String(contentsOf: keyFile, encoding: .utf8))
            guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
                throw Error(
                    description:
                        "\(certificateFile.path) and \(keyFile.path) do not belong together; remove both to make a new CA."
                )
            }
            return CertificateAuthority(
                certificate: certificate, privateKey: privateKey, certificateFile: certificateFile)
        case (false, false):
            try SecureFile.createDirectory(at: directory)
            let authority = try make(certificateFile: certificateFile)
            // Key first: whoever finds ca.pem can rely on ca-key.pem being there.
            try SecureFile.write(authority.privateKey.pemRepresentation, to: keyFile, mode: 0o600)
            try SecureFile.write(try authority.certificate.serializeAsPEM().pemString, to: certificateFile, mode: 0o644)
            return authority
        default:
            throw Error(
                description: "\(directory.path) holds only one of \(certificateFileName) and \(privateKeyFileName); "
                    + "remove it to make a new CA."
            )
        }
    }

    private static func make(certificateFile: URL) throws -> CertificateAuthority {
        let privateKey = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(privateKey.publicKey)
        let name = try DistinguishedName {
            OrganizationName("vipps-sim")
            CommonName("vipps-sim local CA")
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(10 * 365 * 24 * 3600),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            },
            issuerPrivateKey: Certificate.PrivateKey(privateKey)
        )
        return CertificateAuthority(certificate: certificate, privateKey: privateKey, certificateFile: certificateFile)
    }
}
