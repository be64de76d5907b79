import OpsRampJSON
@testable import OpsRampTools
import Testing

@Suite("Compact rows and tables")
struct CompactionTests {
    let compaction = RowCompaction(
        repeats: [.init(field: "hostName", sameAs: ["name"]), .init(field: "dnsName", sameAs: ["hostName", "name"])],
        neverCommon: ["id"])

    @Test("a field that repeats another in its row is left out, checked against what remains", arguments: [
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
        for alert: JSONValue in [["currentState": "CRITICAL", "priority": "p1"], ["currentState": "Warning", "priority": "N/A"],
                                 ["currentState": "Observed"], ["priority": "P9"], ["currentState": "ok", "priority": "P0"]] {
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

@Suite("Alerts grouped by resource")
struct ResourceAlertGroupTests {
    func alert(_ resource: String?, _ state: String, _ priority: String, _ created: String, _ subject: String = "s",
               name: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["currentState": .string(state), "priority": .string(priority),
                                           "createdDate": .string(created), "subject": .string(subject), "resourceType": "Linux"]
        object.setIfPresent("resourceId", resource.map(JSONValue.string))
        object.setIfPresent("resourceName", (name ?? resource.map { "host-" + $0 }).map(JSONValue.string))
        return .object(object)
    }

    @Test("ranked by worst state, then highest priority, then counts, then the newest alert")
    func ranking() {
        let alerts = [
            alert("warn-p0", "Warning", "P0", "2026-12-01T10:00:00+0000"),
            alert("crit-p3", "Critical", "P3", "2026-12-01T09:00:00+0000"),
            alert("crit-p1", "Critical", "P1", "2026-12-01T08:00:00+0000"),
            alert("crit-p1-twice", "Critical", "P1", "2026-12-01T07:00:00+0000"),
            alert("crit-p1-twice", "Critical", "N/A", "2026-12-01T07:30:00+0000"),
            alert("crit-p1-newer", "Critical", "P1", "2026-12-01T09:30:00+0000"),
            alert("info", "Info", "P0", "2026-12-01T11:00:00+0000"),
            alert(nil, "Critical", "N/A", "2026-12-01T06:00:00+0000", name: "acme-aiops"),
            alert(nil, "Warning", "N/A", "2026-12-01T06:00:00+0000", name: nil),
        ]
        let groups = ResourceAlertGroups.ranked(alerts)
        #expect(groups.map(\.key) == ["crit-p1-twice", "crit-p1-newer", "crit-p1", "crit-p3", "name:acme-aiops", "warn-p0",
                                      ResourceAlertGroups.noResourceKey, "info"])
        let twice = groups[0]
        #expect(twice.tally.count(state: "Critical") == 2)
        #expect(twice.worstPriority == "P1")
        #expect(twice.newestCreated == "2026-12-01T07:30:00+0000")
        #expect(groups[4].worstPriority == "N/A" && groups[4].id == nil && groups[4].name == "acme-aiops")
    }

    @Test("the table has one count column per state asked for, the newest alert, and null for what is unknown")
    func table() {
        let long = String(repeating: "x", count: 200)
        let groups = ResourceAlertGroups.ranked([
            alert("r1", "Critical", "P2", "2026-12-01T08:00:00+0000", "older"),
            alert("r1", "Warning", "P1", "2026-12-01T09:00:00+0000", long),
            alert(nil, "Warning", "N/A", "2026-12-01T07:00:00+0000", "inference", name: "acme-aiops"),
        ])
        let table = ResourceAlertGroups.table(groups, states: ["Critical", "Warning"])
        #expect(table.columns == ["name", "id", "critical", "worstPriority", "newestCreated", "newestSubject"])
        #expect(table.common == ["type": "Linux", "warning": 1])
        #expect(table.rows[0] == ["host-r1", "r1", 1, "P1", "2026-12-01T09:00:00Z", .string(String(repeating: "x", count: 117) + "...")])
        #expect(table.rows[1] == ["acme-aiops", .null, 0, "N/A", "2026-12-01T07:00:00Z", "inference"])
    }

    func clientAlert(_ resource: String?, client: String?, tenant: String?, name: String) -> JSONValue {
        guard case .object(var object) = alert(resource, "Critical", "P1", "2026-12-01T08:00:00+0000", name: name) else { return .null }
        object.setIfPresent("clientUniqueId", client.map(JSONValue.string))
        object.setIfPresent("tenantName", tenant.map(JSONValue.string))
        return .object(object)
    }

    @Test("on a partner tenant, two clients' resources of the same name are two devices, each with its client")
    func clientsApart() {
        let groups = ResourceAlertGroups.ranked([
            clientAlert(nil, client: "client_11", tenant: "Acme Retail", name: "checkout-service"),
            clientAlert(nil, client: "client_22", tenant: "Globex Bank", name: "checkout-service"),
            clientAlert(nil, client: "client_22", tenant: "Globex Bank", name: "checkout-service"),
            // Legacy alerts name their client only by tenantName.
            clientAlert(nil, client: nil, tenant: "Initech", name: "checkout-service"),
        ])
        #expect(groups.count == 3)
        #expect(groups.map { $0.tally.count(state: "Critical") } == [2, 1, 1])
        let table = ResourceAlertGroups.table(groups, states: ["Critical", "Warning"])
        #expect(table.columns.contains("clientUniqueId") && table.columns.contains("tenantName"))
        let rows = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0)) }
        #expect(rows.map { $0["tenantName"] } == ["Globex Bank", "Acme Retail", "Initech"])
        #expect(rows.map { $0["clientUniqueId"] } == ["client_22", "client_11", .null])
        #expect(rows.map { $0["critical"] } == [2, 1, 1])
    }

    @Test("rows of one client give the client once, in common; alerts that name no client add no client column")
    func oneClient() {
        let shared = ResourceAlertGroups.table(ResourceAlertGroups.ranked([
            clientAlert("r1", client: "client_11", tenant: "Acme Retail", name: "web-01"),
            clientAlert("r2", client: "client_11", tenant: "Acme Retail", name: "web-02"),
        ]), states: ["Critical"])
        #expect(shared.common["clientUniqueId"] == "client_11" && shared.common["tenantName"] == "Acme Retail")
        #expect(!shared.columns.contains("clientUniqueId"))
        let own = ResourceAlertGroups.table(ResourceAlertGroups.ranked([alert("r1", "Critical", "P1", "2026-12-01T08:00:00+0000")]),
                                            states: ["Critical"])
        #expect(!own.columns.contains("clientUniqueId") && own.common["clientUniqueId"] == nil)
    }
}
