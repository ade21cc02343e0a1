import Foundation

/// The timestamp format of the eCom API: ISO-8601 in UTC with milliseconds, e.g. `2018-11-14T15:22:46.736Z`.
enum Timestamp {
    /// Written by hand from the calendar fields: every `/details` answer carries one per log
    /// entry, and `Date.ISO8601FormatStyle` cost more than the rest of the answer.
    /// `TimestampTests` checks it against the format style.
    static func string(from date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let wholeSeconds = interval.rounded(.down)
        guard wholeSeconds.isFinite, abs(wholeSeconds) < 1e12 else { return formatted(date) }
        var seconds = time_t(wholeSeconds)
        // The fraction as the format style takes it (from the seconds' remainder, cut, not
        // rounded), so that both agree to the millisecond.
        let millis = min(999, Int(((interval - wholeSeconds) * 1000).rounded(.down)))
        var fields = tm()
        guard gmtime_r(&seconds, &fields) != nil else { return formatted(date) }
        return padded(Int(fields.tm_year) + 1900, 4) + "-" + padded(Int(fields.tm_mon) + 1, 2) + "-"
            + padded(Int(fields.tm_mday), 2) + "T" + padded(Int(fields.tm_hour), 2) + ":"
            + padded(Int(fields.tm_min), 2) + ":" + padded(Int(fields.tm_sec), 2) + "." + padded(millis, 3) + "Z"
    }

    /// The format style, for what the fast path does not cover (dates beyond year 30000).
    static func formatted(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// An RFC 3339 date and time as ePayment takes it (`expiresAt`): seconds required, a fraction
    /// optional, `Z` or an offset; `nil` for anything else.
    static func rfc3339(_ text: String) -> Date? {
        let text = text.uppercased()
        guard text.count <= 40, text.contains("T") else { return nil }
        for withFraction in [false, true] {
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: withFraction).parse(text) {
                return date
            }
        }
        return nil
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
