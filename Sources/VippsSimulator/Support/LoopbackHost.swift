/// Hosts that are this machine. vipps-sim takes plain `http://` URLs to them (return URLs,
/// webhook receivers): a shop under development here has no certificate, and no customer or
/// webhook outside the machine can be sent there. A name that merely starts like one
/// ("127.0.0.1.example", "localhost.example") is some other host and is not one of them.
enum LoopbackHost {
    /// `host` as a URL gives it: a name, a dotted quad, or an IPv6 address with or without brackets.
    static func contains(_ host: String) -> Bool {
        let name = host.lowercased()
        return ["localhost", "::1", "[::1]"].contains(name) || isIPv4Loopback(name)
    }

    /// 127.0.0.0/8 written as a dotted quad of decimal numbers.
    private static func isIPv4Loopback(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.first == "127" else { return false }
        return parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber } && UInt8(part) != nil
        }
    }
}
