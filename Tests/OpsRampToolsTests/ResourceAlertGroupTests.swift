import OpsRampJSON
import Testing

@testable import OpsRampTools

@Suite("Alerts grouped by resource")
struct ResourceAlertGroupTests {
    func alert(
        _ resource: String?, _ state: String, _ priority: String, _ created: String, _ subject: String = "s",
        name: String? = nil
    ) -> JSONValue {
        var object: [String: JSONValue] = [
            "currentState": .string(state), "priority": .string(priority),
            "createdDate": .string(created), "subject": .string(subject), "resourceType": "Linux",
        ]
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
        #expect(
            groups.map(\.key) == [
                "crit-p1-twice", "crit-p1-newer", "crit-p1", "crit-p3", "name:acme-aiops", "warn-p0",
                ResourceAlertGroups.noResourceKey, "info",
            ])
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
        let shared = ResourceAlertGroups.table(
            ResourceAlertGroups.ranked([
                clientAlert("r1", client: "client_11", tenant: "Acme Retail", name: "web-01"),
                clientAlert("r2", client: "client_11", tenant: "Acme Retail", name: "web-02"),
            ]), states: ["Critical"])
        #expect(shared.common["clientUniqueId"] == "client_11" && shared.common["tenantName"] == "Acme Retail")
        #expect(!shared.columns.contains("clientUniqueId"))
        let own = ResourceAlertGroups.table(
            ResourceAlertGroups.ranked([alert("r1", "Critical", "P1", "2026-12-01T08:00:00+0000")]),
            states: ["Critical"])
        #expect(!own.columns.contains("clientUniqueId") && own.common["clientUniqueId"] == nil)
    }
}
