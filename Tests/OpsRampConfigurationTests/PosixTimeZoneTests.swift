import Foundation
import Testing

@testable import OpsRampConfiguration

@Suite("Configuration: POSIX TZ strings")
struct PosixTimeZoneTests {
    static func instant(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? Date.distantPast
    }

    @Test(
        "strings are parsed with POSIX's sign (west positive), names in <...> or letters, optional summer rules",
        arguments: [
            ("<-08>8", -28_800, nil as Int?),
            ("EST5", -18_000, nil),
            ("<+0530>-5:30", 19_800, nil),
            ("UTC0", 0, nil),
            ("CET-1CEST,M3.5.0,M10.5.0/3", 3_600, 7_200),
            ("AEST-10AEDT,M10.1.0,M4.1.0/3", 36_000, 39_600),
            ("EST5EDT4,M3.2.0/2:00:00,M11.1.0/2:00:00", -18_000, -14_400),
            ("EST5EDT", -18_000, -14_400),
            ("<+13>-13<+14>,J60,300", 46_800, 50_400),
        ])
    func parsed(_ text: String, _ standard: Int, _ summer: Int?) throws {
        let zone = try #require(PosixTimeZone(text))
        #expect(zone.standardOffset == standard)
        #expect(zone.summer?.offset == summer)
    }

    @Test(
        "what is not a POSIX string is refused",
        arguments: [
            "Mars/Olympus", "EST", "<>5", "ES5", "CET-1CEST,M13.5.0,M10.5.0", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,M11.1.0,", "EST25", "",
        ])
    func refused(_ text: String) {
        #expect(PosixTimeZone(text) == nil)
    }

    @Test("summer-time rules are read as the tz zone whose changes fall on the same instants, north and south")
    func rulesMatched() throws {
        let now = Self.instant("2026-12-01T12:00:00Z")
        let europe = try #require(PosixTimeZone("CET-1CEST,M3.5.0,M10.5.0/3")?.zone(around: now))
        // EU summer time 2026 begins 29 March 01:00 UTC and ends 25 October 01:00 UTC.
        #expect(europe.zone.secondsFromGMT(for: Self.instant("2026-03-29T00:59:00Z")) == 3_600)
        #expect(europe.zone.secondsFromGMT(for: Self.instant("2026-03-29T01:01:00Z")) == 7_200)
        #expect(europe.zone.secondsFromGMT(for: Self.instant("2026-10-25T00:59:00Z")) == 7_200)
        #expect(europe.zone.secondsFromGMT(for: Self.instant("2026-10-25T01:01:00Z")) == 3_600)
        #expect(europe.matched?.hasPrefix("Europe/") == true, "\(europe.matched ?? "")")

        let sydney = try #require(PosixTimeZone("AEST-10AEDT,M10.1.0,M4.1.0/3")?.zone(around: now))
        #expect(sydney.zone.secondsFromGMT(for: Self.instant("2026-12-01T00:00:00Z")) == 39_600)
        #expect(sydney.zone.secondsFromGMT(for: Self.instant("2026-07-01T00:00:00Z")) == 36_000)
        #expect(sydney.matched?.hasPrefix("Australia/") == true)

        let fixed = try #require(PosixTimeZone("<-08>8")?.zone(around: now))
        #expect(fixed.matched == nil && fixed.zone.secondsFromGMT() == -28_800)
        #expect(PosixTimeZone("<-08>8")?.fixedName == "UTC-08:00")

        // Rules no real zone follows cannot be told apart from a guess: no zone.
        #expect(PosixTimeZone("XYZ3ABC,M1.1.0,M2.1.0")?.zone(around: now) == nil)
    }
}
