import Foundation
import Testing

@testable import OpsRampConfiguration

@Suite("Configuration: the machine's zone, named without loading it")
struct SystemTimeZoneTests {
    func link(to target: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("localtime").path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        return path
    }

    @Test(
        "the name is what /etc/localtime links to after zoneinfo/",
        arguments: [
            ("/usr/share/zoneinfo/Europe/Berlin", "Europe/Berlin"),
            ("../usr/share/zoneinfo/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
            ("/var/db/timezone/zoneinfo/Etc/UTC", "Etc/UTC"),
            ("/usr/share/zoneinfo/posix/Asia/Tokyo", "Asia/Tokyo"),
            ("/usr/share/zoneinfo/Etc/GMT+5", "Etc/GMT+5"),
        ])
    func linkedName(target: String, name: String) throws {
        #expect(OperatorTimeZone.linkedSystemZoneName(link: try link(to: target)) == name)
    }

    @Test("no name from a link elsewhere, a strange name, or a file that is not a link")
    func noName() throws {
        #expect(OperatorTimeZone.linkedSystemZoneName(link: try link(to: "/etc/some-zone")) == nil)
        #expect(OperatorTimeZone.linkedSystemZoneName(link: try link(to: "/usr/share/zoneinfo/")) == nil)
        #expect(OperatorTimeZone.linkedSystemZoneName(link: try link(to: "/usr/share/zoneinfo/../../etc/passwd")) == nil)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zone-file-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("TZif".utf8)))
        #expect(OperatorTimeZone.linkedSystemZoneName(link: file) == nil)
        #expect(OperatorTimeZone.linkedSystemZoneName(link: "/nonexistent/localtime") == nil)
    }

    @Test("a linked name is the zone, loaded when first used; UTC names are UTC")
    func resolvedByName() {
        let berlin = OperatorTimeZone.resolve(setting: nil, tz: nil, systemName: { "Europe/Berlin" }, system: { nil })
        #expect(berlin.name == "Europe/Berlin")
        #expect(berlin.source == .system)
        #expect(berlin.zone.identifier == "Europe/Berlin")
        let utc = OperatorTimeZone.resolve(setting: nil, tz: nil, systemName: { "Etc/UTC" }, system: { nil })
        #expect(utc.name == "UTC")
        #expect(utc.zone.secondsFromGMT() == 0)
        // TZ and the setting still come first.
        let tokyo = OperatorTimeZone.resolve(setting: nil, tz: "Asia/Tokyo", systemName: { "Europe/Berlin" }, system: { nil })
        #expect(tokyo.name == "Asia/Tokyo")
    }
}
