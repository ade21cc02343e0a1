import Foundation

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
