import Foundation
import OpsRampSecrets
import Testing

@testable import OpsRampConfiguration

@Suite("Configuration: the operator's time zone")
struct OperatorTimeZoneTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")
    let complete = ["OPSRAMP_BASE_URL": "https://acme.api.opsramp.com", "OPSRAMP_TENANT_ID": "client_1"]

    func configuration(_ extra: [String: String], system: TimeZone? = TimeZone(identifier: "Asia/Kolkata")) -> Configuration {
        Configuration(values: complete.merging(extra) { _, new in new }, systemTimeZone: system)
    }

    @Test(
        "OPSRAMP_TIMEZONE takes any name Foundation knows, in any case; UTC is UTC",
        arguments: [
            ("America/Los_Angeles", "America/Los_Angeles"),
            ("america/los_angeles", "America/Los_Angeles"),
            (" Europe/Berlin ", "Europe/Berlin"),
            ("UTC", "UTC"),
            ("Etc/UTC", "UTC"),
            ("EST", "EST"),
            ("est", "EST"),
            ("PST8PDT", "PST8PDT"),
            ("EST5EDT", "EST5EDT"),
            ("US/Pacific", "US/Pacific"),
            ("CET", "CET"),
        ])
    func setting(_ value: String, name: String) {
        let zone = configuration(["OPSRAMP_TIMEZONE": value, "TZ": "Asia/Tokyo"]).timeZone
        #expect(zone.name == name)
        #expect(zone.source == .setting)
        #expect(zone.problem == nil, "\(zone.problem?.message ?? "")")
        #expect(configuration(["OPSRAMP_TIMEZONE": value]).warnings.isEmpty)
    }

    @Test(
        "an abbreviation Foundation accepts but the tz database lacks is used, with a warning showing its offset",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/zoneinfo"), "needs the tz database"),
        arguments: ["PST", "BST", "IST"])
    func abbreviation(_ value: String) throws {
        let zone = configuration(["OPSRAMP_TIMEZONE": value]).timeZone
        #expect(zone.name == value && zone.source == .setting)
        let problem = try #require(zone.problem)
        #expect(!problem.failsCheck && !problem.fellBack)
        #expect(problem.message.contains("is an abbreviation, not a tz database name; it is read as \(value), UTC"), "\(problem.message)")
        #expect(zone.windowNote == nil)
    }

    @Test("without the setting: TZ as glibc reads it (name, :name, zoneinfo path, POSIX string), then the system's zone")
    func fallbacks() {
        #expect(configuration(["TZ": "Asia/Tokyo"]).timeZone == OperatorTimeZone(zone: TimeZone(identifier: "Asia/Tokyo")!, source: .system))
        #expect(configuration(["TZ": ":America/New_York"]).timeZone.name == "America/New_York")
        #expect(configuration(["TZ": "EST5EDT"]).timeZone.name == "EST5EDT")
        #expect(configuration([:]).timeZone.name == "Asia/Kolkata")
        #expect(configuration([:], system: TimeZone(identifier: "Etc/UTC")).timeZone.name == "UTC")
        for tz in [
            "/usr/share/zoneinfo/America/Los_Angeles", ":/usr/share/zoneinfo/America/Los_Angeles",
            "/usr/share/zoneinfo/posix/America/Los_Angeles",
        ] {
            let zone = configuration(["TZ": tz]).timeZone
            #expect(zone.name == "America/Los_Angeles" && zone.source == .system && zone.problem == nil, "\(tz): \(zone.name)")
        }
        let fixed = configuration(["TZ": "<-08>8"]).timeZone
        #expect(fixed.name == "UTC-08:00" && fixed.zone.secondsFromGMT() == -28_800 && fixed.problem == nil)
        #expect(configuration(["TZ": "<+0530>-5:30"]).timeZone.zone.secondsFromGMT() == 19_800)
        let rules = configuration(["TZ": "CET-1CEST,M3.5.0,M10.5.0/3"]).timeZone
        #expect(rules.name == "CET-1CEST,M3.5.0,M10.5.0/3 (rules of Europe/Amsterdam)", "\(rules.name)")
        #expect(rules.problem == nil)
    }

    @Test(
        "a TZ that cannot be read, or no system zone, is UTC said out loud: a warning and a note for every window",
        arguments: [
            "Mars/Olympus", "/tmp/not-a-zone-file", "XYZ3ABC,M1.1.0,M2.1.0", "CET-1CEST,M13.5.0,M10.5.0",
        ])
    func unreadableSystemZone(_ tz: String) throws {
        let zone = configuration(["TZ": tz]).timeZone
        #expect(zone.name == "UTC" && zone.source == .fallback)
        let problem = try #require(zone.problem)
        #expect(!problem.failsCheck && problem.fellBack)
        #expect(problem.message.contains("TZ=\"\(tz)\" is not a time zone this server can read"), "\(problem.message)")
        #expect(problem.message.contains("Set OPSRAMP_TIMEZONE"))
        #expect(zone.windowNote == problem.message)

        let unknown = configuration([:], system: nil).timeZone
        #expect(unknown.name == "UTC" && unknown.problem?.message.contains("could not be determined") == true)
        // OPSRAMP_TIMEZONE, when readable, makes TZ irrelevant: no warning about it.
        #expect(configuration(["TZ": tz, "OPSRAMP_TIMEZONE": "Europe/Berlin"]).timeZone.problem == nil)
    }

    @Test(
        "an unreadable OPSRAMP_TIMEZONE fails the check; it quotes the value, suggests a near name and says which zone is used",
        arguments: ["Mars/Olympus_Mons", "+02:00", "Berlin", "Europe/Berlinn"])
    func invalid(_ value: String) throws {
        let loaded = configuration(["OPSRAMP_TIMEZONE": value, "TZ": "Europe/Berlin"])
        #expect(loaded.timeZone.name == "Europe/Berlin")
        #expect(loaded.timeZone.source == .system)
        let problem = try #require(loaded.timeZone.problem)
        #expect(problem.failsCheck && problem.fellBack)
        #expect(problem.message.contains("OPSRAMP_TIMEZONE \"\(value)\" is not a time zone name"), "\(problem.message)")
        #expect(problem.message.contains("expected an IANA name such as Europe/Berlin"))
        #expect(problem.message.contains("read in Europe/Berlin (the system's zone) instead"))
        #expect(loaded.timeZone.windowNote == problem.message)
        #expect(!loaded.warnings.contains { $0.variable == "OPSRAMP_TIMEZONE" }, "reported once, as the zone's problem")
        #expect(configuration(["OPSRAMP_TIMEZONE": value], system: nil).timeZone.name == "UTC")
        #expect(problem.message.contains("did you mean Europe/Berlin?") == (value == "Europe/Berlinn"))
    }

    @Test("the variable is documented with the others")
    func documented() {
        #expect(ConfigurationVariable.allCases.contains(.timeZone))
        #expect(ConfigurationVariable.timeZone.summary.contains("IANA"))
    }
}
