import Foundation
import Testing

@testable import VippsSimulator

/// The hand-written timestamp must read exactly as Foundation's ISO-8601 format style writes it.
@Suite struct TimestampTests {
    @Test func matchesTheFormatStyle() {
        var generator = SystemRandomNumberGenerator()
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_750_000_000.999_9),
            Date(timeIntervalSince1970: 1_542_208_966.736), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_102_444_799.5), Date(timeIntervalSince1970: -1.25),
        ]
        for _ in 0..<2_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_200_000_000, using: &generator)))
        }
        for date in dates {
            #expect(Timestamp.string(from: date) == Timestamp.formatted(date), "\(date.timeIntervalSince1970)")
        }
    }
}
