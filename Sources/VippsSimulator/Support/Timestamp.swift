import Foundation

/// The timestamp format of the eCom API: ISO-8601 in UTC with milliseconds, e.g. `2018-11-14T15:22:46.736Z`.
enum Timestamp {
    static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
