import OpsRampJSON
import Testing

@testable import OpsRampTools

@Suite("Compact rows and tables")
struct CompactionTests {
    let compaction = RowCompaction(
        repeats: [.init(field: "hostName", sameAs: ["name"]), .init(field: "dnsName", sameAs: ["hostName", "name"])],
        neverCommon: ["id"])

    @Test(
        "a field that repeats another in its row is left out, checked against what remains",
        arguments: [
            (["name": "web", "hostName": "web", "dnsName": "web"], ["name": "web"]),
            (["name": "web", "hostName": "web.lan", "dnsName": "web.lan"], ["name": "web", "hostName": "web.lan"]),
            (["name": "web", "hostName": "web.lan", "dnsName": "web"], ["name": "web", "hostName": "web.lan"]),
            (["name": "web", "hostName": "web.lan", "dnsName": "web.example"], ["name": "web", "hostName": "web.lan", "dnsName": "web.example"]),
            (["hostName": "web.lan"], ["hostName": "web.lan"]),
        ] as [([String: JSONValue], [String: JSONValue])])
    func repeats(_ row: [String: JSONValue], expected: [String: JSONValue]) {
        #expect(compaction.compact(row) == expected)
    }

    @Test("fields equal in every row move to common; ids, fields some rows lack, and single rows stay")
    func hoisting() {
        let rows: [JSONValue] = [
            ["id": "1", "state": "active", "make": "AWS", "os": "Linux"],
            ["id": "2", "state": "active", "make": "AWS"],
            ["id": "3", "state": "active", "make": "AWS", "os": "Linux"],
        ]
        let (common, remaining) = compaction.hoist(rows)
        #expect(common == ["state": "active", "make": "AWS"])
        #expect(remaining == [["id": "1", "os": "Linux"], ["id": "2"], ["id": "3", "os": "Linux"]])

        let same: [JSONValue] = [["id": "1", "state": "active"], ["id": "1", "state": "active"]]
        #expect(compaction.hoist(same).common == ["state": "active"])
        let single: [JSONValue] = [["id": "1", "state": "active"]]
        #expect(compaction.hoist(single).common.isEmpty)
        #expect(compaction.hoist(single).rows == single)
        #expect(compaction.hoist([]).common.isEmpty)
    }

    @Test("a table gives column names once and moves columns with one value in every row to common")
    func table() {
        let table = CompactTable(columns: ["name", "type", "critical"], rows: [["a", "Linux", 1], ["b", "Linux", 0]])
        #expect(table.columns == ["name", "critical"])
        #expect(table.rows == [["a", 1], ["b", 0]])
        #expect(table.json == ["columns": ["name", "critical"], "rows": [["a", 1], ["b", 0]], "common": ["type": "Linux"]])
        let one = CompactTable(columns: ["name", "type"], rows: [["a", "Linux"]])
        #expect(one.columns == ["name", "type"] && one.common.isEmpty)
        #expect(CompactTable(columns: ["name"], rows: []).json == ["columns": ["name"], "rows": []])
    }

    @Test("priority counts include N/A and other values, so they add up to the alerts counted")
    func tally() {
        var tally = AlertTally()
        for alert: JSONValue in [
            ["currentState": "CRITICAL", "priority": "p1"], ["currentState": "Warning", "priority": "N/A"],
            ["currentState": "Observed"], ["priority": "P9"], ["currentState": "ok", "priority": "P0"],
        ] {
            tally.add(alert)
        }
        #expect(tally.total == 5)
        #expect(tally.byState == ["Critical": 1, "Warning": 1, "Ok": 1, "other": 2])
        #expect(tally.byPriority == ["P0": 1, "P1": 1, "N/A": 3])
        let json = tally.priorityJSON.objectValue ?? [:]
        #expect(json.keys.sorted() == ["N/A", "P0", "P1", "P2", "P3", "P4", "P5"])
        #expect(json.values.compactMap(\.intValue).reduce(0, +) == tally.total)
    }

    @Test("GMT alert times sort as time does; other zones are converted, unreadable ones sort first")
    func alertTimes() {
        #expect(AlertTime.sortKey("2026-12-01T07:03:00+0000") == "2026-12-01T07:03:00")
        #expect(AlertTime.sortKey("2026-12-01T07:03:00Z") == "2026-12-01T07:03:00")
        #expect(AlertTime.sortKey("2026-12-01T09:03:00+0200") == "2026-12-01T07:03:00")
        #expect(AlertTime.sortKey("yesterday") == "")
        #expect(AlertTime.sortKey(nil) == "")
        #expect(AlertTime.utc("2026-12-01T09:03:00+0200") == "2026-12-01T07:03:00Z")
        #expect(AlertTime.utc("soon") == "soon")
    }
}
