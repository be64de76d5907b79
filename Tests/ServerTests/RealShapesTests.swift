import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// OpsRamp's real answer shapes (reference §14) through the built binary, against a fake that serves them.
@Suite("Process: real OpsRamp shapes, no false all-clear")
struct RealShapesTests {
    @Test("partner tenant: alerts of different clients are told apart")
    func partnerAlerts() async throws {
        let partner = FakeData.partnerTenant(now: Date())
        let tenant = try FakeTenant(tenantID: partner.tenantID)
        tenant.fake.alerts = partner.alerts
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_alerts", ["states": ["critical"], "since": "1h"])
        #expect(result["isError"] == false, "\(result.text)")
        let alerts = result.rows("alerts")
        #expect(alerts.count == 4)
        #expect(alerts.map { $0["clientUniqueId"]?.stringValue ?? "" } == ["client_901", "client_902", "client_901", "client_902"])
        #expect(alerts.map { $0["tenantName"]?.stringValue ?? "" } == ["Northwind Traders", "Contoso Ltd", "Northwind Traders", "Contoso Ltd"])
        // Apart from id, client and resource id, the two clients' alerts are identical: what they share is said once.
        #expect(result.structured?["common"]?["subject"] == "CPU utilization 97% on web-01")
        #expect(result.structured?["common"]?["resourceName"] == "web-01")
        let rows = result.structured?["alerts"]?.arrayValue ?? []
        #expect(rows.count == 4 && rows.allSatisfy { $0["subject"] == nil && $0["resourceId"] != nil })
        tenant.expectNoSecrets(in: server)
    }

    @Test("RCA, inference and legacy alerts keep their host and their creation time")
    func variedAlerts() async throws {
        let tenant = try FakeTenant()
        tenant.fake.alerts = FakeData.variedAlerts(now: tenant.now)
        tenant.fake.variants = .strict
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_alerts", ["since": "1h"])
        #expect(result["isError"] == false, "\(result.text)")
        let alerts = result.rows("alerts")
        #expect(alerts.map { $0["uniqueId"]?.stringValue ?? "" } == ["700001", "700002", "700003", "700004", "700005"])
        #expect(alerts.map { $0["eventType"]?.stringValue ?? "" } == ["RCA", "RCA", "RCA", "INFERENCE", "ALERT"])
        #expect(alerts.map { $0["resourceName"]?.stringValue ?? "" } == ["core-switch-02", "nas-02", "esx-07", "acme-aiops", "HYDLPT204"])
        #expect(alerts.map { $0["resourceId"]?.stringValue ?? "-" } == ["dev-rca-1", "dev-rca-2", "dev-rca-3", "-", "dev-legacy-1"])
        #expect(alerts[0]["resourceIp"] == "10.0.0.3")
        #expect(alerts[3]["resourceType"] == "CLIENT")
        let legacyCreated = try #require(alerts[4]["createdDate"]?.stringValue)
        let created = try #require(ISO8601DateFormatter().date(from: legacyCreated))
        #expect(abs(created.timeIntervalSince(tenant.now.addingTimeInterval(-2_400))) < 2)
        // The legacy alert is found by a window on its creation time, and by its device id.
        let byDevice = try await server.callTool("get_alerts", ["resource_ids": ["dev-legacy-1"], "since": "45m"])
        #expect(byDevice.structured?["totalResults"] == 1)
        tenant.expectNoSecrets(in: server)
    }

    @Test("a paged resources/minimal answer is followed and counted in full")
    func pagedMinimal() async throws {
        let tenant = try FakeTenant()
        tenant.fake.resources = FakeData.resources(count: 208)
        tenant.fake.minimalResourcesAsEnvelope = true
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "1000000"])
        let all = try await server.callTool("get_minimal_resource_details", ["limit": 1000])
        #expect(all["isError"] == false, "\(all.text)")
        #expect(all.structured?["matched"] == 208)
        #expect(all.structured?["returned"] == 208)
        #expect(all.structured?["moreAvailable"] == false)
        #expect(Set((all.structured?["resources"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }).count == 208)
        #expect(tenant.requests(on: .minimalResources).map { $0.query["pageNo"] ?? "-" } == ["-", "2", "3"])

        let first = try await server.callTool("get_minimal_resource_details", [:])
        #expect(first.structured?["matched"] == 208)
        #expect(first.structured?["returned"] == 100)
        #expect(first.structured?["moreAvailable"] == true)
        // next asks for all of them, exactly.
        #expect(first.structured?["next"]?["tool"] == "get_minimal_resource_details")
        #expect(first.structured?["next"]?["arguments"] == ["limit": 208])
        tenant.expectNoSecrets(in: server)
    }

    @Test("a page that cannot be fetched is named in the answer, with OpsRamp's full count")
    func partialPaging() async throws {
        let tenant = try FakeTenant()
        tenant.fake.resources = FakeData.resources(count: 208)
        tenant.fake.minimalResourcesAsEnvelope = true
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "1000000", "OPSRAMP_MCP_MAX_RETRIES": "0"])
        // The first page answers normally; the second fails.
        tenant.fake.inject(.delay(0), on: .minimalResources)
        tenant.fake.inject(.html(503), on: .minimalResources)
        let result = try await server.callTool("get_minimal_resource_details", ["limit": 1000])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["matched"] == 208)
        #expect(result.structured?["returned"] == 100)
        #expect(result.structured?["moreAvailable"] == true)
        #expect(result.structured?["incomplete"]?.stringValue?.contains("page 2 could not be fetched") == true)
        #expect(result.structured?["next"] == nil)
    }

    @Test(
        "an error object in a 2xx answer is an error for alerts, resources, OpsQL and the statistics",
        arguments: [
            ("get_alerts", Route.alerts, ["since": "1h"]),
            ("get_minimal_resource_details", .minimalResources, [:]),
            ("execute_opsql_query", .opsql, ["query": ["objectType": "alert", "fields": ["id"]]]),
            ("get_alert_statistics_dashboard", .alerts, [:]),
        ] as [(String, Route, JSONValue)])
    func errorObjects(_ tool: String, route: Route, arguments: JSONValue) async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        tenant.fake.inject(.errorObject(code: "0002", message: "Invalid search key supplied"), on: route, times: 20)
        let result = try await server.callTool(tool, arguments)
        #expect(result["isError"] == true, "\(result.text)")
        #expect(result.text.contains("Invalid search key supplied"))
        #expect(result.text.contains("(code 0002)"))
        #expect(!result.text.contains("\"returned\":0"))
        #expect(!result.text.contains("\"matched\":0"))
    }

    @Test("an OpsQL count answered as {count: N} is the count")
    func opsqlCountObject() async throws {
        let tenant = try FakeTenant()
        tenant.fake.variants.opsqlCountAsObject = true
        let server = try await tenant.startServer()
        let result = try await server.callTool(
            "execute_opsql_query",
            [
                "query": [
                    "objectType": "resource", "filterCriteria": "make = \"AWS\"", "aggregateFunction": "count", "groupBy": [],
                ]
            ])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["count"] == .int(tenant.sample.resources.filter { $0["make"] == "AWS" }.count))
    }

    @Test("an OpsQL join query is paged at 100 even when it asks for 500")
    func opsqlJoin() async throws {
        let tenant = try FakeTenant()
        tenant.fake.variants = .strict
        let server = try await tenant.startServer()
        let result = try await server.callTool(
            "execute_opsql_query",
            [
                "query": [
                    "objectType": "alert", "fields": ["id", "currentState", "resource.name"], "pageSize": 500,
                ], "limit": 200,
            ])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["returned"] == 40)
        #expect(result.rows("results")[0]["currentState"] == "CRITICAL")
        #expect(tenant.requests(on: .opsql).allSatisfy { $0.bodyJSON?["pageSize"] == 100 })
    }

    @Test("statusHistory filters travel in their own parameter, which a strict OpsRamp requires")
    func statusHistory() async throws {
        let tenant = try FakeTenant()
        tenant.fake.variants = .strict
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_alerts", ["states": ["Critical"], "query_string": "acknowledgedBy:ops.engineer"])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["totalResults"] == 2)
        #expect(result.structured?["statusHistory"] == "acknowledgedBy:ops.engineer")
        let request = try #require(tenant.requests(on: .alerts).last)
        #expect(request.query["statusHistory"] == "acknowledgedBy:ops.engineer")
        #expect(request.query["queryString"] == "states:Critical")
    }

    @Test("device_type filters the operating system; a resource_type in the other vocabulary, or in neither, still finds them")
    func resourceTypes() async throws {
        let tenant = try FakeTenant()
        tenant.fake.variants.resourceTypeIsCategory = true
        let server = try await tenant.startServer()
        let windows = try await server.callTool("get_minimal_resource_details", ["device_type": "windows"])
        #expect(windows.structured?["matched"] == 2)
        #expect(tenant.requests(on: .minimalResources).last?.query["queryString"] == "deviceType:windows")

        // resource_type takes categories here: Linux is retried as device_type, and the answer says so.
        let swapped = try await server.callTool("get_minimal_resource_details", ["resource_type": "Linux"])
        #expect(swapped["isError"] == false)
        #expect(swapped.structured?["matched"] == 5)
        #expect(swapped.structured?["queryString"] == "deviceType:Linux")
        #expect(swapped.structured?["note"]?.stringValue?.contains("resource_type \"Linux\" matched nothing; these match it as device_type") == true)

        // EC2 is in neither vocabulary: matched as a type (make, nativeType, ...), in every state.
        let ec2 = try await server.callTool("get_minimal_resource_details", ["resource_type": "EC2"])
        let expected = Set(tenant.sample.resources.filter { $0["nativeType"] == "EC2 Instance" }.compactMap { $0["id"]?.stringValue })
        #expect(expected.count == 4)
        #expect(Set(ec2.rows("resources").compactMap { $0["id"]?.stringValue }) == expected)
        #expect(ec2.structured?["note"]?.stringValue?.contains("as type") == true)

        // Nothing anywhere: the kinds that exist, and the state searched.
        let none = try await server.callTool("get_minimal_resource_details", ["resource_type": "RDS", "state": "active"])
        #expect(none.structured?["matched"] == 0)
        let hint = none.structured?["hint"]?.stringValue ?? ""
        #expect(hint.contains("AWS EC2 Instance (2)") && hint.contains("Cisco Switch (1)"), "\(hint)")
        #expect(hint.contains("state \"all\""), "\(hint)")
    }

    @Test("any-case states and the actions filter reach OpsRamp in its own spelling, described by what is sent")
    func actionsAndStates() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_alerts", ["states": ["CRITICAL"], "actions": ["acknowledged"]])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["queryString"] == "states:Critical+actions:ACKNOWLEDGED")
        #expect(result.structured?["totalResults"] == 2)
        let stats = try await server.callTool("get_alert_statistics_dashboard", [:])
        #expect(stats.structured?["filter"] == "actions:OPEN")
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        let descriptions = tools.map { JSONWriter.string($0) }.joined()
        #expect(!descriptions.contains("still open"))
    }
}
