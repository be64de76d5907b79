import FakeOpsRamp
import OpsRampJSON
import Testing

@testable import OpsRampTools

/// OpsRamp's published alert and resource examples through compaction, field by field.
@Suite("OpsRamp's published answers, compacted", .enabled(if: PublishedSamples.isAvailable))
struct PublishedSamplesCompactionTests {
    func alerts(_ name: String) throws -> [JSONValue] {
        let value = try PublishedSamples.json(name)
        return value["results"]?.arrayValue ?? value.arrayValue ?? [value]
    }

    @Test("alerts/search example: each alert's fields, host and (for another client) its client")
    func searchExample() throws {
        let compact = try alerts("alerts_search_spec_example.json").map { AlertSummary.compact($0, context: AlertContext(tenantID: "client_1234")) }
        #expect(compact.count == 3)
        #expect(
            compact[0] == [
                "uniqueId": "389547", "subject": "Testing Alert-2-info state", "currentState": "Info", "priority": "N/A", "status": "New",
                "alertType": "Monitoring", "eventType": "ALERT", "createdDate": "2016-02-24T01:15:00+0000",
                // serviceName repeats metric, so it is given once.
                "updatedTime": "2016-02-24T09:19:47+0000", "metric": "Windows Event Log",
                "repeatCount": "1", "clientUniqueId": "client_593972", "tenantName": "Client_Test",
                "resourceId": "018e9cc1-e7ec-4833-a2b7-e17bd41e1b68", "resourceName": "172.31.17.109", "resourceIp": "172.31.17.109",
                "resourceType": "Linux",
            ])
        // No IP address anywhere: none shown; the type comes from resource.resourceType.
        #expect(compact[1]["resourceIp"] == nil)
        #expect(compact[1]["resourceName"] == "abc")
        #expect(compact[1]["resourceType"] == "Desktop")
        #expect(compact[2]["resourceName"] == "0800270B9A7A")
        #expect(compact[2]["resourceHostName"] == nil)
        #expect(compact[2]["resourceType"] == "OpsRamp Gateway")
        // Seen from the alerts' own client, the client fields are noise and left out.
        let own = try alerts("alerts_search_spec_example.json").map { AlertSummary.compact($0, context: AlertContext(tenantID: "client_593972")) }
        #expect(own.allSatisfy { $0["clientUniqueId"] == nil && $0["tenantName"] == nil })
    }

    @Test("alert example-raw: resource wins over device field by field; incident, app and ticketed kept")
    func rawExample() throws {
        let compact = AlertSummary.compact(try alerts("alert_get_spec_example-raw.json")[0], context: AlertContext(tenantID: "client_1234"))
        #expect(
            compact == [
                "uniqueId": "93", "subject": "Disk c:\\ Critical Used 90.31%; Free 9.69%; Disk Capacity 102642 MB. Threshold is 90%.",
                "currentState": "Critical", "priority": "N/A", "status": "Ticketed", "alertType": "Obsolete", "eventType": "ALERT",
                "createdDate": "2016-07-24T10:40:47+0000", "updatedTime": "2016-07-24T10:40:50+0000", "metric": "Disk",
                "app": "OPSRAMP", "repeatCount": "2", "incidentId": "INC0000000093",
                "clientUniqueId": "client_8", "tenantName": "Brocade Lab",
                "resourceId": "253151d1-6b19-4158-9d91-050e7fb4dd8d", "resourceName": "check code", "resourceHostName": "res1",
                "resourceIp": "1.23.4.5", "resourceType": "Desktop", "ticketed": true,
            ])
    }

    @Test("inference example: event type INFERENCE, the sparse resource's name and type, nothing invented")
    func inferenceExample() throws {
        let compact = AlertSummary.compact(try alerts("alert_get_spec_example-inference.json")[0], context: AlertContext(tenantID: "msp_1"))
        #expect(
            compact == [
                "uniqueId": "3511", "subject": "Inference test", "currentState": "Ok", "priority": "N/A", "status": "New",
                // updatedTime equals createdDate: left out.
                "alertType": "MONITORING", "eventType": "INFERENCE", "createdDate": "2018-05-07T12:55:19+0000",
                "component": "b717911b-04ce-37ce-9af8-e2242813eaa3", "app": "OPSRAMP",
                "repeatCount": "2", "clientUniqueId": "client_12", "tenantName": "2adc3-aiops",
                "resourceName": "2adc3-aiops", "resourceType": "CLIENT",
            ])
    }

    @Test("legacy example-1: device only, creation time from createdTime, the client's name on its partner tenant")
    func legacyExample() throws {
        let alert = try alerts("alert_get_spec_example-1.json")[0]
        let compact = AlertSummary.compact(alert, context: AlertContext(tenantID: "msp_102"))
        #expect(
            compact == [
                "uniqueId": "40535", "subject": "chrome.exe | Not Running", "currentState": "Ok", "priority": "N/A", "status": "Ticketed",
                "alertType": "Monitoring", "eventType": "ALERT", "createdDate": "2015-11-18T09:44:08Z",
                "updatedTime": "2015-11-18T12:31:53+0000", "metric": "Disk", "app": "OPSRAMP", "serviceName": "Windows Process",
                "repeatCount": "2", "tenantName": "Notification_client5",
                "resourceId": "982b6937-83ae-4262-a023-d6097a711a9e", "resourceName": "HYDLPT204", "resourceIp": "172.28.2.148",
                "resourceType": "DEVICE",
            ])
        #expect(AlertSummary.compact(alert, context: AlertContext(tenantID: "client_5"))["tenantName"] == nil)
    }

    @Test("legacy example-1 on a UUID tenant (which may be a partner) keeps tenantName, so two clients' alerts differ")
    func legacyExampleOnUUIDTenant() throws {
        let uuid = AlertContext(tenantID: "5878ee58-8c5b-46a8-b975-3754c3c67977")
        let alert = try alerts("alert_get_spec_example-1.json")[0]
        #expect(AlertSummary.compact(alert, context: uuid)["tenantName"] == "Notification_client5")
        guard case .object(var other) = alert else { return }
        other["tenantName"] = "Notification_client6"
        let rows = [alert, .object(other)].map { AlertSummary.compact($0, context: uuid) }
        #expect(rows[0] != rows[1])
        let (common, compacted) = AlertSummary.compaction.hoist(rows)
        #expect(common["tenantName"] == nil && compacted.map { $0["tenantName"] } == ["Notification_client5", "Notification_client6"])
        // The configured tenant's own alerts stay without client fields.
        other["clientUniqueId"] = "5878ee58-8c5b-46a8-b975-3754c3c67977"
        #expect(AlertSummary.compact(.object(other), context: uuid)["tenantName"] == nil)
    }

    @Test("resource examples keep each resource's identifying fields, once each, and drop empty ones")
    func resources() throws {
        let minimal = (try PublishedSamples.json("resources_minimal_spec_example-1.json").arrayValue ?? []).map {
            JSONValue.object(ResourceRows.row($0))
        }
        #expect(
            minimal == [
                [
                    "id": "ec9bbd29-b89f-4e6d-ac23-59b81c405cac", "name": "Linux Server", "hostName": "SJ-Linux", "ipAddress": "45.34.23.12",
                    "resourceType": "Linux",
                ],
                // resourceName equals name: given once.
                [
                    "id": "867a8316-8ec2-4e32-b3ec-ce8154856798", "name": "3e3cc106-aad5-4b32-9b3d-5079b8fbb2f5", "ipAddress": "54.179.70.212",
                    "resourceType": "ROUTE_53",
                ],
                [
                    "id": "5df106d1-bebd-4c14-befc-5ac07f5088f8", "name": "dc6446ee-9451-44ee-ae8f-8d1e4a0bb0ea", "ipAddress": "54.123.234.12",
                    "resourceType": "ROUTE_53",
                ],
                ["id": "0473052b-fed7-4f49-954f-fb22d82f9b52", "name": "vcenter", "ipAddress": "172.26.105.126", "resourceType": "CLOUD_PROVIDER"],
            ])
        let dns = (try PublishedSamples.json("resources_minimal_spec_dns-example.json").arrayValue ?? []).map {
            JSONValue.object(ResourceRows.row($0))
        }
        #expect(dns.map { $0["dnsName"] } == ["test-linux1.sjc.net", "test-win1.sjc.net", "test-win1.sjc.net", "test-win3.sjc.net"])
        #expect(dns[1]["ipAddress"] == "fe80::d055:f2b2:6dd:d933")
        #expect(dns[0]["ipAddress"] == nil)

        let real = try PublishedSamples.json("resources_search_ormcp_real_2025.json")["results"]?.arrayValue ?? []
        #expect(real.count == 100)
        #expect(
            ResourceRows.row(real[0]) == [
                "id": "dc223478-e575-4695-b21a-fa70b03ca249", "name": "01-Front Ambient",
                "resourceType": "Other", "type": "DEVICE", "state": "active", "agentInstalled": false,
            ])
        #expect(ResourceRows.row(real[99])["resourceType"] == "CLOUD_PROVIDER")
    }
}
