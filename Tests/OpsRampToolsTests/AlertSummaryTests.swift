import OpsRampJSON
import Testing

@testable import OpsRampTools

@Suite("Compact alerts")
struct AlertSummaryTests {
    let client = AlertContext(tenantID: "client_1234")

    @Test("an alert keeps the fields operators ask about, as text; empty ones are dropped")
    func essentialFields() {
        let alert: JSONValue = [
            "uniqueId": "389547", "subject": "Disk full", "currentState": "Critical", "priority": "P1", "status": "New",
            "createdDate": "2026-11-29T10:00:00+0000", "updatedTime": "2026-11-29T10:05:00+0000", "metric": "disk", "component": "",
            "problemArea": "Storage", "app": "OPSRAMP", "eventType": "ALERT", "incidentId": "INC0000000093", "repeatCount": 3,
            "alertType": "Monitoring", "serviceName": "Disk",
            "resource": ["id": "r-1", "name": "web-01", "ipAddress": "10.0.0.1", "resourceType": "Linux", "consoles": []],
            "device": ["id": "r-1"], "tenantId": 5, "rba": false, "statusHistory": ["createdBy": "system"],
            "clientUniqueId": "client_1234", "tenantName": "Acme", "closed": true, "acknowledged": false,
        ]
        #expect(
            AlertSummary.compact(alert, context: client) == [
                "uniqueId": "389547", "subject": "Disk full", "currentState": "Critical", "priority": "P1", "status": "New",
                "createdDate": "2026-11-29T10:00:00+0000", "updatedTime": "2026-11-29T10:05:00+0000", "metric": "disk",
                "problemArea": "Storage", "app": "OPSRAMP", "eventType": "ALERT", "incidentId": "INC0000000093", "repeatCount": "3",
                "alertType": "Monitoring", "serviceName": "Disk",
                "resourceId": "r-1", "resourceName": "web-01", "resourceIp": "10.0.0.1", "resourceType": "Linux", "closed": true,
            ])
    }

    @Test("on a partner tenant, alerts of two clients are told apart by clientUniqueId and tenantName")
    func partnerTenant() {
        let partner = AlertContext(tenantID: "msp_102")
        let first: JSONValue = ["uniqueId": "1", "subject": "CPU", "clientUniqueId": "client_5", "tenantName": "Client Five"]
        let second: JSONValue = ["uniqueId": "2", "subject": "CPU", "clientUniqueId": "client_6", "tenantName": "Client Six"]
        #expect(AlertSummary.compact(first, context: partner)["clientUniqueId"] == "client_5")
        #expect(AlertSummary.compact(first, context: partner)["tenantName"] == "Client Five")
        #expect(AlertSummary.compact(second, context: partner)["tenantName"] == "Client Six")
        // A partner alert that names only its tenant keeps the name.
        #expect(
            AlertSummary.compact(["uniqueId": "3", "tenantName": "Notification_client5"], context: partner)["tenantName"] == "Notification_client5")
    }

    @Test("on a client tenant the client fields appear only when they name another client")
    func clientTenant() {
        let own: JSONValue = ["uniqueId": "1", "clientUniqueId": "client_1234", "tenantName": "Acme"]
        let other: JSONValue = ["uniqueId": "2", "clientUniqueId": "client_99", "tenantName": "Other"]
        #expect(AlertSummary.compact(own, context: client)["clientUniqueId"] == nil)
        #expect(AlertSummary.compact(own, context: client)["tenantName"] == nil)
        #expect(AlertSummary.compact(other, context: client)["clientUniqueId"] == "client_99")
        #expect(AlertSummary.compact(other, context: client)["tenantName"] == "Other")
        #expect(AlertSummary.compact(other, context: AlertContext(tenantID: nil))["clientUniqueId"] == "client_99")
    }

    @Test(
        "host fields come from resource, falling back field by field to device; null, {} and \"\" are absent",
        arguments: [JSONValue.null, [:], ["name": "", "id": ""], ["metaData": [:]]])
    func hostFallback(_ resource: JSONValue) {
        let alert: JSONValue = [
            "uniqueId": "7", "eventType": "RCA", "resource": resource,
            "device": ["id": "d-1", "name": "HYDLPT204", "ipAddress": "172.28.2.148", "type": "DEVICE"],
        ]
        let compact = AlertSummary.compact(alert, context: client)
        #expect(compact["resourceId"] == "d-1")
        #expect(compact["resourceName"] == "HYDLPT204")
        #expect(compact["resourceIp"] == "172.28.2.148")
        #expect(compact["resourceType"] == "DEVICE")
        #expect(compact["eventType"] == "RCA")
    }

    @Test("a sparse resource keeps its own fields and takes the missing ones from device")
    func sparseResource() {
        let alert: JSONValue = [
            "resource": ["name": "2adc3-aiops", "type": "CLIENT"],
            "device": ["id": "d-9", "name": "other-name", "ipAddress": "10.9.9.9"],
        ]
        let compact = AlertSummary.compact(alert, context: client)
        #expect(compact["resourceName"] == "2adc3-aiops")
        #expect(compact["resourceType"] == "CLIENT")
        #expect(compact["resourceId"] == "d-9")
        #expect(compact["resourceIp"] == "10.9.9.9")
    }

    @Test("a host name that differs from the resource name is kept")
    func hostName() {
        let alert: JSONValue = ["resource": ["name": "check code", "hostName": "res1"], "device": ["name": "res1"]]
        #expect(AlertSummary.compact(alert, context: client)["resourceName"] == "check code")
        #expect(AlertSummary.compact(alert, context: client)["resourceHostName"] == "res1")
        let same: JSONValue = ["resource": ["name": "web-01", "hostName": "web-01"]]
        #expect(AlertSummary.compact(same, context: client)["resourceHostName"] == nil)
    }

    @Test(
        "a legacy alert's createdTime in epoch milliseconds becomes its creation time",
        arguments: [
            (JSONValue.int(1_447_839_848_946), "2015-11-18T09:44:08Z"),
            (.string("1447839848946"), "2015-11-18T09:44:08Z"),
            (.int(1_447_839_848), "2015-11-18T09:44:08Z"),
            (.string("2015-11-18T09:44:08+0000"), "2015-11-18T09:44:08+0000"),
        ])
    func legacyCreationTime(_ created: JSONValue, expected: String) {
        #expect(AlertSummary.compact(["uniqueId": "40535", "createdTime": created], context: client)["createdDate"] == .string(expected))
        // createdDate wins when both are there.
        let both: JSONValue = ["createdDate": "2020-01-01T00:00:00+0000", "createdTime": created]
        #expect(AlertSummary.compact(both, context: client)["createdDate"] == "2020-01-01T00:00:00+0000")
    }

    @Test(
        "absurd createdTime values are left out rather than shown as a wrong date",
        arguments: [
            JSONValue.int(0), .int(-5), .double(1e300), .string("12ab"), .array([1]),
        ])
    func absurdCreationTime(_ created: JSONValue) {
        #expect(AlertSummary.compact(["createdTime": created], context: client)["createdDate"] == nil)
    }

    @Test("every field of a compact alert is declared in the schema with a type")
    func schemaCoversFields() {
        let properties = AlertSummary.schema["properties"]?.objectValue ?? [:]
        for field in AlertSummary.textFields + [
            "clientUniqueId", "tenantName", "resourceId", "resourceName", "resourceHostName",
            "resourceIp", "resourceType",
        ] {
            #expect(properties[field]?["type"] == "string", "\(field)")
        }
        for flag in AlertSummary.flags { #expect(properties[flag]?["type"] == "boolean", "\(flag)") }
    }
}
