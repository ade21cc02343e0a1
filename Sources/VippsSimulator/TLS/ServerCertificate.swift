import Crypto
import Foundation
import X509

/// The server's leaf certificate, made fresh at each start and signed by the local CA.
///
/// It carries what OpenSSL 3 clients with chain and hostname verification look for: subject alternative
/// names for localhost, 127.0.0.1 and ::1 (and the configured host), `CA:FALSE`, digitalSignature key
/// usage, serverAuth extended key usage, and key identifiers linking it to the CA.
struct ServerCertificate {
    let certificate: Certificate
    let privateKey: P256.Signing.PrivateKey

    static func issue(by authority: CertificateAuthority, host: String) throws -> ServerCertificate {
        let privateKey = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(privateKey.publicKey)
        let authorityKeyIdentifier =
            try authority.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
            ?? SubjectKeyIdentifier(hash: authority.certificate.publicKey).keyIdentifier
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            // An hour of slack for clients whose clock is a little behind.
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(365 * 24 * 3600),
            issuer: authority.certificate.subject,
            subject: try DistinguishedName {
                OrganizationName("vipps-sim")
                CommonName("localhost")
            },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(subjectAlternativeNames(for: host))
                SubjectKeyIdentifier(hash: publicKey)
                AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier)
            },
            issuerPrivateKey: Certificate.PrivateKey(authority.privateKey)
        )
        return ServerCertificate(certificate: certificate, privateKey: privateKey)
    }

    static func subjectAlternativeNames(for host: String) -> [GeneralName] {
        var dnsNames = ["localhost"]
        var ipAddresses: [[UInt8]] = [[127, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]]
        if let bytes = IPAddressBytes.parse(host) {
            if !ipAddresses.contains(bytes) { ipAddresses.append(bytes) }
        } else if !host.isEmpty, !dnsNames.contains(host.lowercased()) {
            dnsNames.append(host.lowercased())
        }
        return dnsNames.map { .dnsName($0) } + ipAddresses.map { .ipAddress(.init(contentBytes: $0[...])) }
    }
}

/// The network-order bytes of an IPv4 or IPv6 literal, for IP subject alternative names.
enum IPAddressBytes {
    static func parse(_ string: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, string, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, string, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
