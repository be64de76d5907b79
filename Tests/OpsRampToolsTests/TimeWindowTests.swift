import Foundation
import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSupport
import Testing

@testable import OpsRampConfiguration
@testable import OpsRampTools

@Suite("Time windows")
struct TimeWindowTests {
    func window(_ since: String?, _ until: String? = nil, base: AlertTimeBase = .created) throws -> TimeWindow? {
        try TimeWindow.read(since: since, until: until, timeBase: base, now: lateInLosAngeles, timeZone: losAngeles)
    }

    func failure(_ since: String?, _ until: String? = nil) -> String {
        do {
            _ = try window(since, until)
            return ""
        } catch {
            return (error as? UserFacingError)?.userMessage ?? "\(error)"
        }
    }

    @Test("since alone ends now; the window is whole seconds and reports itself in UTC with the zone")
    func sinceAlone() throws {
        let window = try #require(try window("2026-12-01T07:00"))
        #expect(window.since == utc("2026-12-01T15:00:00Z"))
        #expect(window.until == lateInLosAngeles)
        #expect(
            window.json == [
                "since": "2026-12-01T15:00:00Z", "until": "2026-12-02T07:52:00Z", "timeZone": "America/Los_Angeles", "timeBase": "created",
            ])
        var query = QueryString()
        try window.add(to: &query)
        #expect(query.description == "startDate:2026-12-01T15:00:00 0000+endDate:2026-12-02T07:52:00 0000+alertTimeBase:created")
        #expect(try self.window(nil) == nil)
    }

    @Test("a window read in a stand-in zone carries the reason as timeZoneNote; a zone asked for and found carries none")
    func standInZoneNoted() throws {
        let note = "OPSRAMP_TIMEZONE \"Europe/Berlinn\" is not a time zone name; ... read in UTC"
        let standIn = OperatorTimeZone(
            zone: OperatorTimeZone.utc.zone, name: "UTC", source: .system,
            problem: .init(message: note, failsCheck: true, fellBack: true))
        let noted = try #require(try TimeWindow.read(since: "today", until: nil, timeBase: .created, now: lateInLosAngeles, timeZone: standIn))
        #expect(noted.json["timeZoneNote"] == .string(note))
        #expect(noted.json["timeZone"] == "UTC")
        let abbreviation = OperatorTimeZone(
            zone: losAngeles.zone, name: "PST", source: .setting,
            problem: .init(message: "an abbreviation", failsCheck: false, fellBack: false))
        let plain = try #require(try TimeWindow.read(since: "today", until: nil, timeBase: .created, now: lateInLosAngeles, timeZone: abbreviation))
        #expect(plain.json["timeZoneNote"] == nil)
        #expect(try #require(try window("today")).json["timeZoneNote"] == nil)
    }

    @Test("a fractional now is rounded out: since down, until up")
    func rounding() throws {
        let now = Date(timeIntervalSince1970: 1_796_197_920.4)
        let window = try #require(try TimeWindow.read(since: "1h", until: nil, timeBase: .updated, now: now, timeZone: losAngeles))
        #expect(window.since == Date(timeIntervalSince1970: 1_796_194_320))
        #expect(window.until == Date(timeIntervalSince1970: 1_796_197_921))
        #expect(window.json["timeBase"] == "updated")
    }

    @Test("today asked at the stroke of midnight is an empty window, not an error")
    func midnight() throws {
        let midnight = utc("2026-12-01T08:00:00Z")
        let window = try #require(try TimeWindow.read(since: "today", until: nil, timeBase: .created, now: midnight, timeZone: losAngeles))
        #expect(window.since == midnight && window.until == midnight)
    }

    @Test("bad windows are failures that quote the value and show accepted forms")
    func failures() {
        let unreadable = failure("2026-12-01T07:00:00+25:00")
        #expect(unreadable.contains("Invalid since: \"2026-12-01T07:00:00+25:00\" has an impossible UTC offset"))
        #expect(
            unreadable.contains("Accepted:") && unreadable.contains("2026-12-01T07:30 or 2026-12-01T07:30:00")
                && unreadable.contains("America/Los_Angeles"))
        #expect(failure("1h", "tomorrow").contains("Invalid until: \"tomorrow\""))
        let reversed = failure("1h", "2h")
        #expect(reversed.contains("since \"1h\" (2026-12-02T06:52:00Z) is after until \"2h\" (2026-12-02T05:52:00Z)"))
        #expect(reversed.contains("for example since \"24h\" with until \"1h\""))
        #expect(failure("2027-01-01").contains("is after now (2026-12-02T07:52:00Z)"))
        #expect(failure(nil, "1h").contains("until was given without since"))
    }
}
