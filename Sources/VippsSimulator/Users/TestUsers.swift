import Crypto
import Foundation
import Synchronization

/// A test user's profile: what Userinfo hands out, claim by consented scope.
struct TestUser: Sendable, Codable, Equatable {
    /// MSISDN with the country code, e.g. `4791234567`.
    var phoneNumber: String
    var givenName: String
    var familyName: String
    var email: String
    var emailVerified: Bool
    /// `YYYY-MM-DD`.
    var birthDate: String
    /// 11 digits.
    var nin: String
    var streetAddress: String
    var postalCode: String
    var region: String
    /// Two letters.
    var country: String

    /// The test environment's usual user.
    static let standard = TestUser(
        phoneNumber: "4791234567", givenName: "Test", familyName: "User", email: "test.user@example.com",
        emailVerified: true, birthDate: "2000-02-01", nin: "01020012345", streetAddress: "Robert Levins gate 5",
        postalCode: "0154", region: "OSLO", country: "NO")

    /// A plausible profile for a number nobody configured, the same every time, so that any phone
    /// number can pay with profile sharing.
    static func synthesized(phoneNumber: String) -> TestUser {
        let digits = String(phoneNumber.suffix(8))
        var user = standard
        user.phoneNumber = phoneNumber
        user.familyName = "User \(digits)"
        user.email = "user.\(digits)@example.com"
        user.nin = "0102" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits.suffix(7)
        return user
    }

    /// The phone pages know Norwegian numbers by their 8 digits; profiles by MSISDN.
    static func msisdn(_ number: String) -> String {
        number.count == 8 ? "47" + number : number
    }
}

/// The configurable table of test users (`GET` and `POST /sim/v1/users`); numbers not in it get a
/// synthesized profile.
final class TestUsers: Sendable {
    private let users = Mutex<[String: TestUser]>([TestUser.standard.phoneNumber: .standard])

    init() {}

    func user(phoneNumber: String) -> TestUser {
        let msisdn = TestUser.msisdn(phoneNumber)
        return users.withLock { $0[msisdn] } ?? .synthesized(phoneNumber: msisdn)
    }

    func all() -> [TestUser] {
        users.withLock { $0.values.sorted { $0.phoneNumber < $1.phoneNumber } }
    }

    func set(_ user: TestUser) {
        users.withLock { $0[user.phoneNumber] = user }
    }

    /// The user's `sub` at one sales unit: a UUID that stays the same for that pair (and differs
    /// between sales units), as Vipps' does.
    static func sub(phoneNumber: String, merchantSerialNumber: String) -> String {
        let digest = SHA256.hash(data: Data("vipps-sim sub \(merchantSerialNumber) \(phoneNumber)".utf8))
        // Version 4 and the RFC 4122 variant, so that UUID parsers accept it.
        let bytes = digest.prefix(16).enumerated().map { index, byte in
            index == 6 ? (byte & 0x0F) | 0x40 : index == 8 ? (byte & 0x3F) | 0x80 : byte
        }
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return [(0, 8), (8, 4), (12, 4), (16, 4), (20, 12)].map { String(hex.dropFirst($0.0).prefix($0.1)) }
            .joined(separator: "-")
    }
}
