import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// Time windows as an operator outside UTC means them, through the built binary.
@Suite("Process: time windows in the operator's time zone")
struct TimeZoneTests {
    /// `startDate`/`endDate` of the last alert search, as sent.
    static func sentWindow(_ tenant: FakeTenant) -> (start: String?, end: String?) {
        let queryString = tenant.requests(on: .alerts).last?.query["queryString"] ?? ""
        var start: String?
        var end: String?
        for pair in queryString.split(separator: "+") {
            if pair.hasPrefix("startDate:") { start = String(pair.dropFirst("startDate:".count)) }
            if pair.hasPrefix("endDate:") { end = String(pair.dropFirst("endDate:".count)) }
        }
        return (start, end)
    }

    @Test("every accepted form lands on the intended instant for OPSRAMP_TIMEZONE=America/Los_Angeles")
    func formsOnTheWire() async throws {
        let tenant = try FakeTenant()
        tenant.fake.variants = .strict
        let server = try await tenant.startServer(["OPSRAMP_TIMEZONE": "America/Los_Angeles"])
        let forms: [(String, String)] = [
            ("2026-12-01T07:00:00", "2026-12-01T15:00:00 0000"),
            ("2026-12-01T07:30", "2026-12-01T15:30:00 0000"),
            ("2026-12-01T07:00Z", "2026-12-01T07:00:00 0000"),
            ("2026-12-01T07:00:00+02:00", "2026-12-01T05:00:00 0000"),
            ("2026-12-01T07:00:00+0200", "2026-12-01T05:00:00 0000"),
            ("2026-12-01", "2026-12-01T08:00:00 0000"),
            ("2026-07-01T07:00", "2026-07-01T14:00:00 0000"),
        ]
        for (since, expected) in forms {
            let result = try await server.callTool("get_alerts", ["since": .string(since), "until": "2099-12-31T00:00:00Z", "limit": 1])
            #expect(result["isError"] == false, "\(since): \(result.text)")
            let window = Self.sentWindow(tenant)
            #expect(window.start == expected, "\(since)")
            #expect(window.end == "2099-12-31T00:00:00 0000", "\(since)")
            #expect(result.structured?["window"]?["timeZone"] == "America/Los_Angeles")
            #expect(result.structured?["window"]?["until"] == "2099-12-31T00:00:00Z")
        }
    }

    @Test("today and yesterday are the operator's midnights; the answer's window says so in UTC")
    func todayAndYesterday() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_TIMEZONE": "America/Los_Angeles"])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "America/Los_Angeles"))
        let formatter = ISO8601DateFormatter()
        for (word, daysBack) in [("today", 0), ("yesterday", 1)] {
            let before = Date()
            let result = try await server.callTool("get_alerts", ["since": .string(word), "limit": 1])
            let after = Date()
            let expected = Set(
                [before, after].map { moment in
                    let today = calendar.startOfDay(for: moment)
                    let noon = calendar.date(byAdding: .hour, value: 12, to: today) ?? today
                    return formatter.string(from: calendar.startOfDay(for: calendar.date(byAdding: .day, value: -daysBack, to: noon) ?? noon))
                })
            let since = result.structured?["window"]?["since"]?.stringValue ?? ""
            #expect(expected.contains(since), "\(word): \(since), expected \(expected)")
            #expect(result.structured?["window"]?["timeBase"] == "created")
            let until = try #require(result.structured?["window"]?["until"]?.stringValue.flatMap(formatter.date(from:)))
            #expect(until >= before.addingTimeInterval(-1) && until <= after.addingTimeInterval(1))
        }
    }

    @Test("the wire carries endDate with every startDate, in every tool that sends a window")
    func endDateAlways() async throws {
        let tenant = try FakeTenant()
        tenant.fake.variants = .strict
        let server = try await tenant.startServer()
        let alerts = try await server.callTool("get_alerts", ["states": ["Critical"], "since": "1h"])
        #expect(alerts["isError"] == false, "\(alerts.text)")
        #expect(alerts.structured?["totalResults"] == 5)
        let stats = try await server.callTool("get_alert_statistics_dashboard", ["since": "today", "by_priority": true])
        #expect(stats["isError"] == false, "\(stats.text)")
        let searches = tenant.requests(on: .alerts)
        // get_alerts, then the dashboard's page of attention alerts and its Info and Ok counts.
        #expect(searches.count == 4)
        for request in searches {
            let queryString = request.query["queryString"] ?? ""
            #expect(queryString.contains("startDate:") && queryString.contains("+endDate:"), "\(queryString)")
        }
        #expect(stats.structured?["window"]?["timeZone"] == "UTC")
    }

    @Test("without OPSRAMP_TIMEZONE the system zone (TZ) is used: a name, a zoneinfo path, a POSIX offset")
    func systemZone() async throws {
        let tenant = try FakeTenant()
        for (tz, name, since) in [
            ("Asia/Tokyo", "Asia/Tokyo", "2026-12-01T00:00:00Z"),
            ("/usr/share/zoneinfo/America/Los_Angeles", "America/Los_Angeles", "2026-12-01T17:00:00Z"),
            ("<-08>8", "UTC-08:00", "2026-12-01T17:00:00Z"),
        ] {
            let server = try await tenant.startServer(["TZ": tz])
            let result = try await server.callTool("get_alerts", ["since": "2026-12-01T09:00", "until": "2099-01-01", "limit": 1])
            #expect(result.structured?["window"]?["timeZone"] == .string(name), "\(tz)")
            #expect(result.structured?["window"]?["since"] == .string(since), "\(tz)")
            #expect(result.structured?["window"]?["timeZoneNote"] == nil)
            #expect(server.stderrText.contains("read in \(name) (the system's zone)"), "\(server.stderrText)")
        }
    }

    @Test("an unreadable OPSRAMP_TIMEZONE fails --check, is an error at start-up, and every window says the zone fell back")
    func invalidSetting() async throws {
        let tenant = try FakeTenant()
        let settings = ["OPSRAMP_TIMEZONE": "Europe/Berlinn", "TZ": "Europe/Berlin"]
        let check = try ServerProcess(environment: tenant.environment(settings), arguments: ["--check"])
        check.closeStdin()
        let status = await check.waitForExit(timeout: 30)
        let output = String(decoding: check.stdoutBytes, as: UTF8.self)
        #expect(status == 1, "\(output)")
        #expect(output.contains("[FAIL] time zone"))
        #expect(output.contains("\"Europe/Berlinn\" is not a time zone name (did you mean Europe/Berlin?)"), "\(output)")
        #expect(output.contains("[PASS] tenant client_1234"), "the connection is still checked")
        #expect(!output.contains("All checks passed"))

        let server = try await tenant.startServer(settings)
        #expect(server.stderrText.contains("error [main] OPSRAMP_TIMEZONE \"Europe/Berlinn\" is not a time zone name"), "\(server.stderrText)")
        let alerts = try await server.callTool("get_alerts", ["since": "2026-12-01T09:00", "until": "2099-01-01", "limit": 1])
        #expect(alerts["isError"] == false, "\(alerts.text)")
        #expect(alerts.structured?["window"]?["timeZone"] == "Europe/Berlin")
        let note = alerts.structured?["window"]?["timeZoneNote"]?.stringValue ?? ""
        #expect(note.contains("read in Europe/Berlin (the system's zone) instead"), "\(note)")
        #expect(alerts.text.contains("timeZoneNote"), "the note is in the text the model reads too")
        let stats = try await server.callTool("get_alert_statistics_dashboard", ["since": "today"])
        #expect(stats.structured?["window"]?["timeZoneNote"]?.stringValue == note)
        // The note is declared, so typed clients keep it.
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        for (name, result) in [("get_alerts", alerts), ("get_alert_statistics_dashboard", stats)] {
            let schema = tools.first { $0["name"]?.stringValue == name }?["outputSchema"] ?? .null
            #expect(SchemaCoverage.problems(result.structured ?? .null, schema: schema).isEmpty, "\(name)")
        }
    }

    @Test("a TZ that cannot be read is UTC said out loud: a --check warning (which passes), a start-up warning, a note in the window")
    func unreadableTZ() async throws {
        let tenant = try FakeTenant()
        let check = try ServerProcess(environment: tenant.environment(["TZ": "Mars/Olympus"]), arguments: ["--check"])
        check.closeStdin()
        let status = await check.waitForExit(timeout: 30)
        let output = String(decoding: check.stdoutBytes, as: UTF8.self)
        #expect(status == 0, "\(output)")
        #expect(output.contains("[WARN] time zone"))
        #expect(output.contains("TZ=\"Mars/Olympus\" is not a time zone this server can read"), "\(output)")

        let server = try await tenant.startServer(["TZ": "Mars/Olympus"])
        #expect(server.stderrText.contains("warning [main] TZ=\"Mars/Olympus\""), "\(server.stderrText)")
        let result = try await server.callTool("get_alerts", ["since": "2026-12-01T09:00", "until": "2099-01-01", "limit": 1])
        #expect(result.structured?["window"]?["timeZone"] == "UTC")
        #expect(result.structured?["window"]?["timeZoneNote"]?.stringValue?.contains("Set OPSRAMP_TIMEZONE") == true)
    }

    @Test("tz database names such as EST and PST8PDT pass --check")
    func tzDatabaseNames() async throws {
        let tenant = try FakeTenant()
        for name in ["EST", "PST8PDT"] {
            let check = try ServerProcess(environment: tenant.environment(["OPSRAMP_TIMEZONE": name]), arguments: ["--check"])
            check.closeStdin()
            let status = await check.waitForExit(timeout: 30)
            let output = String(decoding: check.stdoutBytes, as: UTF8.self)
            #expect(status == 0, "\(output)")
            #expect(
                output.contains("[PASS] time zone\n      times without a zone, dates, today and yesterday are read in \(name) (OPSRAMP_TIMEZONE)"),
                "\(output)")
        }
    }

    @Test("a bad time is an error that quotes it and shows the accepted forms")
    func badTime() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_TIMEZONE": "America/Los_Angeles"])
        let result = try await server.callTool("get_alerts", ["since": "2026-12-01T07:00:00+25:00"])
        #expect(result["isError"] == true)
        #expect(result.text.contains("\"2026-12-01T07:00:00+25:00\" has an impossible UTC offset"), "\(result.text)")
        #expect(result.text.contains("America/Los_Angeles"))
        #expect(tenant.requests(on: .alerts).isEmpty)
    }
}
