import Foundation
import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSupport
import Testing

@testable import OpsRampConfiguration
@testable import OpsRampTools

@Suite("Time expressions in fixed-offset zones, by arithmetic")
struct FixedOffsetTimeExpressionTests {
    @Test("the same instants as through the calendar, for every form, over many days", arguments: [0, 7_200, -18_000, 19_800])
    func sameAsCalendar(offset: Int) throws {
        let zone = try #require(TimeZone(secondsFromGMT: offset))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        for step in stride(from: 0, to: 800, by: 13) {
            // Nows across years, leap days and both sides of midnight.
            let now = Date(timeIntervalSince1970: 1_700_000_000 + Double(step) * 97_531.25)
            let reader = TimeExpression(timeZone: zone, now: now)
            #expect(try reader.parse("today") == calendar.startOfDay(for: now))
            let yesterday = try #require(calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: now)))
            #expect(try reader.parse("yesterday") == yesterday)
            let today = calendar.dateComponents([.year, .month, .day], from: now)
            var components = today
            components.hour = 7
            components.minute = 30
            #expect(try reader.parse("07:30") == calendar.date(from: components))
            #expect(
                try reader.parse("2024-02-29T23:59:59")
                    == calendar.date(from: DateComponents(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59)))
            #expect(try reader.parse("2026-12-01") == calendar.date(from: DateComponents(year: 2026, month: 12, day: 1)))
        }
    }

    @Test("civil dates from day numbers round-trip", arguments: [-719_468, -1, 0, 1, 59, 11_016, 20_000, 2_932_896])
    func civil(days: Int) {
        let (year, month, day) = CivilDate.civil(days: days)
        #expect(CivilDate.days(year: year, month: month, day: day) == days)
    }
}
