import Foundation

/// An issued access token, remembered until it expires.
public struct AccessToken: Sendable, Equatable {
    public let value: String
    public let issuedAt: Date
    public let expiresAt: Date

    public func isValid(at date: Date) -> Bool {
        issuedAt <= date && date < expiresAt
    }
}
