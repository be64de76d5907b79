import Foundation
import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSupport
import Testing

@testable import OpsRampConfiguration
@testable import OpsRampTools

/// 2026-12-01 23:52 in Los Angeles (2026-12-02T07:52:00Z): late in the operator's day, already tomorrow in UTC.
let lateInLosAngeles = Date(timeIntervalSince1970: 1_796_197_920)
// swift-format-ignore: NeverForceUnwrap
// A zone every tz database has; a test run without it cannot test anything here.
let losAngeles = OperatorTimeZone(zone: TimeZone(identifier: "America/Los_Angeles")!, source: .setting)

/// Reads an ISO 8601 UTC instant for expectations (fractional seconds allowed).
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return date
}

@Suite("Time expressions, read in America/Los_Angeles")
struct TimeExpressionTests {
    let reader = TimeExpression(timeZone: losAngeles.zone, now: lateInLosAngeles)

    @Test(
        "every accepted form lands on the intended UTC instant",
        arguments: [
            // Zone-less times and dates are Los Angeles wall-clock times (PST, UTC-8, in December).
            ("2026-12-01T07:00:00", "2026-12-01T15:00:00Z"),
            ("2026-12-01T07:30", "2026-12-01T15:30:00Z"),
            ("2026-12-01 07:30", "2026-12-01T15:30:00Z"),
            ("2026-12-01t07:30:15", "2026-12-01T15:30:15Z"),
            ("2026-12-01T07:00:00.250", "2026-12-01T15:00:00.250Z"),
            ("2026-12-01", "2026-12-01T08:00:00Z"),
            ("07:00", "2026-12-01T15:00:00Z"),
            ("today", "2026-12-01T08:00:00Z"),
            ("TODAY", "2026-12-01T08:00:00Z"),
            ("yesterday", "2026-11-30T08:00:00Z"),
            // With a zone, the zone given wins.
            ("2026-12-01T07:00Z", "2026-12-01T07:00:00Z"),
            ("2026-12-01T07:00:00z", "2026-12-01T07:00:00Z"),
            ("2026-12-01T07:00:00+02:00", "2026-12-01T05:00:00Z"),
            ("2026-12-01T07:00:00+0200", "2026-12-01T05:00:00Z"),
            ("2026-12-01T07:00+02", "2026-12-01T05:00:00Z"),
            ("2026-12-01T07:00:00-05:30", "2026-12-01T12:30:00Z"),
            ("2026-12-01T07:00:00+0000", "2026-12-01T07:00:00Z"),
            ("2026-12-01T07:00:00.5+01:00", "2026-12-01T06:00:00.500Z"),
            ("2026-12-01 07:00 UTC", "2026-12-01T07:00:00Z"),
            ("  2026-12-01T07:00Z  ", "2026-12-01T07:00:00Z"),
            // Daylight saving time: summer is PDT (UTC-7); the spring gap moves forward; the autumn repeat takes the first.
            ("2026-07-01T07:00", "2026-07-01T14:00:00Z"),
            ("2026-03-08", "2026-03-08T08:00:00Z"),
            ("2026-03-09", "2026-03-09T07:00:00Z"),
            ("2026-03-08T02:30", "2026-03-08T10:30:00Z"),
            ("2026-11-01T01:30", "2026-11-01T08:30:00Z"),
            ("2024-02-29T12:00", "2024-02-29T20:00:00Z"),
        ])
    func accepted(_ text: String, expected: String) throws {
        #expect(try reader.parse(text) == utc(expected), "\(text)")
    }

    @Test(
        "relative times count back from now, whatever the zone",
        arguments: [
            ("30m", 1_800.0), ("1h", 3_600), ("24h", 86_400), ("7d", 604_800), ("2w", 1_209_600), ("90s", 90),
            ("-15min", 900), ("3 hours ago", 10_800), ("last 24h", 86_400), ("1 day", 86_400), ("now", 0),
        ])
    func relative(_ text: String, seconds: Double) throws {
        #expect(try reader.parse(text) == lateInLosAngeles.addingTimeInterval(-seconds))
        let tokyo = TimeExpression(timeZone: TimeZone(identifier: "Asia/Tokyo")!, now: lateInLosAngeles)
        #expect(try tokyo.parse(text) == lateInLosAngeles.addingTimeInterval(-seconds))
    }

    @Test("today and yesterday follow the local calendar across the daylight saving change")
    func daysAroundTheChange() throws {
        // Noon PDT on 2026-03-09, the day after clocks went forward: yesterday was 23 hours long.
        let afterChange = TimeExpression(timeZone: losAngeles.zone, now: utc("2026-03-09T19:00:00Z"))
        #expect(try afterChange.parse("today") == utc("2026-03-09T07:00:00Z"))
        #expect(try afterChange.parse("yesterday") == utc("2026-03-08T08:00:00Z"))
        // Just after midnight UTC is still the previous day in Los Angeles.
        let earlyUTC = TimeExpression(timeZone: losAngeles.zone, now: utc("2026-12-02T00:30:00Z"))
        #expect(try earlyUTC.parse("today") == utc("2026-12-01T08:00:00Z"))
        // The same instant read in UTC.
        let inUTC = TimeExpression(timeZone: OperatorTimeZone.utc.zone, now: utc("2026-12-02T00:30:00Z"))
        #expect(try inUTC.parse("today") == utc("2026-12-02T00:00:00Z"))
        #expect(try inUTC.parse("2026-12-01T07:00:00") == utc("2026-12-01T07:00:00Z"))
    }

    @Test(
        "every rejected form says what is wrong and quotes the value",
        arguments: [
            ("2026-12-01T07:00:00Zabc", "unexpected text \"abc\""),
            ("2026-12-01T07:00:00 please", "unexpected text \"please\""),
            ("2026-12-01T07:00:00+25:00", "impossible UTC offset \"+25:00\""),
            ("2026-12-01T07:00:00+02:75", "impossible UTC offset"),
            ("2026-12-01T07:00:00+2", "impossible UTC offset"),
            ("2026-12-01T07:00:00+02:", "impossible UTC offset"),
            ("1899-12-01", "the year \"1899\", outside 1970-2100"),
            ("2206-12-01T07:00", "the year \"2206\""),
            ("20026-12-01", "the year \"20026\""),
            ("26-12-01", "the year \"26\""),
            ("2026-02-30", "month 2 of 2026 has no day 30"),
            ("2026-13-01", "there is no month 13"),
            ("2026-12-01T24:00", "there is no hour 24"),
            ("2026-12-01T07:60", "there is no minute 60"),
            ("2026-12-01T07:00:60", "there is no second 60"),
            ("2026-12-01T07", "expected HH:MM"),
            ("2026-12-01T", "unexpected text \"T\""),
            ("07:00Z", "gives a zone but no date"),
            ("soon", "is not a time this server can read"),
            ("1x", "is not a time this server can read"),
            ("h", "is not a time this server can read"),
            ("2026/12/01", "is not a time this server can read"),
            ("99999999w", "more than 10 years"),
            ("", "is empty"),
        ])
    func rejected(_ text: String, expected: String) {
        do {
            let date = try reader.parse(text)
            Issue.record("\"\(text)\" was accepted as \(date)")
        } catch {
            #expect(error.description.contains(expected), "\(text): \(error.description)")
            if !text.isEmpty { #expect(error.description.contains("\"\(text)\""), "\(error.description)") }
        }
    }

    @Test("a long value is quoted cut short, with its length")
    func longValue() {
        let text = "2026-12-01T07:00:00Z" + String(repeating: "x", count: 70)
        do {
            _ = try reader.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("\"2026-12-01T07:00:00Zxxxxxxxxxxxxxxxxxxxx...\" (90 characters)"), "\(error.description)")
            #expect(error.description.count < 200)
        }
        do {
            _ = try reader.parse(String(repeating: "9", count: 5_000))
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("too long"))
            #expect(error.description.count < 200)
        }
    }
}
