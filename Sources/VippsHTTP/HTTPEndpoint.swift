/// Where requests go: scheme, host and port of a base URL, plus the path prefix under it.
///
/// Parsed by hand (no Foundation URL) and strictly: only `https://` and `http://`, an optional
/// port, a host that is a DNS name, an IPv4 literal, or an IPv6 literal in brackets.
public struct HTTPEndpoint: Hashable, Sendable, CustomStringConvertible {
    public enum Scheme: String, Sendable { case http, https }

    public let scheme: Scheme
    /// Host without brackets (`::1`, not `[::1]`).
    public let host: String
    public let port: UInt16
    /// Path prefix without a trailing slash ("" for the root).
    public let basePath: String

    public var isIPLiteral: Bool { HTTPEndpoint.isIPv4Literal(host) || host.contains(":") }

    /// The value of the `Host` header.
    public var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        let defaultPort: UInt16 = scheme == .https ? 443 : 80
        return port == defaultPort ? bracketed : "\(bracketed):\(port)"
    }

    public var description: String { "\(scheme.rawValue)://\(hostHeader)\(basePath)" }

    public init(parsing text: String) throws(HTTPError) {
        let lowered = text.lowercased()
        let rest: Substring
        if lowered.hasPrefix("https://") {
            scheme = .https
            rest = text.dropFirst(8)
        } else if lowered.hasPrefix("http://") {
            scheme = .http
            rest = text.dropFirst(7)
        } else {
            throw HTTPError(.invalidRequest, "URL must start with https:// or http://")
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.contains("?") || path.contains("#") {
            throw HTTPError(.invalidRequest, "base URL must not contain a query or fragment")
        }
        while path.hasSuffix("/") { path.removeLast() }
        // The prefix goes verbatim into every request line: a space, CR or LF would split it.
        if !path.isEmpty && !HeaderValidation.isValidPath(path) {
            throw HTTPError(.invalidRequest, "base URL path contains spaces or control characters")
        }
        if authority.contains("@") {
            throw HTTPError(.invalidRequest, "URL must not contain user information")
        }

        var hostPart: Substring
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw HTTPError(.invalidRequest, "URL has an unterminated IPv6 address")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let afterClose = authority[authority.index(after: close)...]
            if !afterClose.isEmpty {
                guard afterClose.hasPrefix(":") else {
                    throw HTTPError(.invalidRequest, "URL has garbage after the IPv6 address")
                }
                portPart = afterClose.dropFirst()
            }
            guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw HTTPError(.invalidRequest, "URL has an invalid IPv6 address")
            }
        } else if let colon = authority.firstIndex(of: ":") {
            hostPart = authority[authority.startIndex..<colon]
            portPart = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
        }
        guard !hostPart.isEmpty, hostPart.utf8.count <= 253 else {
            throw HTTPError(.invalidRequest, "URL has no host")
        }
        if !authority.hasPrefix("[") {
            let allowed = hostPart.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "."
            }
            guard allowed else { throw HTTPError(.invalidRequest, "URL host contains invalid characters") }
            // A host whose last label is a number is an IPv4 address to the resolver, which reads
            // "010" as octal and "0x0a" as hex, while the certificate check reads decimal: only
            // the plain dotted-decimal form is accepted.
            if Self.looksNumeric(hostPart.split(separator: ".").last ?? ""), !Self.isIPv4Literal(String(hostPart)) {
                throw HTTPError(
                    .invalidRequest, "URL host is an IPv4 address in a form other than a.b.c.d without leading zeros")
            }
        }
        if let portPart {
            guard !portPart.isEmpty, portPart.count <= 5, portPart.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = UInt16(portPart), value > 0
            else {
                throw HTTPError(.invalidRequest, "URL has an invalid port")
            }
            port = value
        } else {
            port = scheme == .https ? 443 : 80
        }
        host = hostPart.lowercased()
        basePath = path
    }

    static func isIPv4Literal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber }
                    && (Int(part) ?? 256) <= 255
                    && (part.count == 1 || part.first != "0")
            }
    }

    /// Digits, or 0x and hex digits: what inet_aton takes for a number.
    private static func looksNumeric(_ label: Substring) -> Bool {
        let lowered = label.lowercased()
        if lowered.hasPrefix("0x") { return lowered.dropFirst(2).allSatisfy { $0.isHexDigit } }
        return !label.isEmpty && label.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
