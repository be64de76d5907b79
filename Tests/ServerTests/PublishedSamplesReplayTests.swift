import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// OpsRamp's published examples and the real capture, served byte for byte by the fake and read
/// by the built binary: what an operator would see from these exact answers.
@Suite("Process: OpsRamp's published answers, replayed", .enabled(if: PublishedSamples.isAvailable))
struct PublishedSamplesReplayTests {
    static func serve(_ tenant: FakeTenant, _ name: String, status: Int = 200, on route: Route) throws {
        tenant.fake.inject(.status(status, body: try PublishedSamples.text(name)), on: route)
    }

    @Test("the alerts/search example: three alerts with host, state, times and their client")
    func alertsSearch() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        try Self.serve(tenant, "alerts_search_spec_example.json", on: .alerts)
        let result = try await server.callTool("get_alerts", ["limit": 4])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["totalResults"] == 3)
        #expect(result.structured?["moreAvailable"] == false)
        let alerts = result.rows("alerts")
        #expect(alerts.map { $0["uniqueId"]?.stringValue ?? "" } == ["389547", "389548", "389546"])
        #expect(alerts.map { $0["resourceName"]?.stringValue ?? "" } == ["172.31.17.109", "abc", "0800270B9A7A"])
        #expect(alerts.allSatisfy { $0["clientUniqueId"] == "client_593972" && $0["tenantName"] == "Client_Test" })
        #expect(alerts.allSatisfy { $0["eventType"] == "ALERT" && $0["currentState"] == "Info" })
    }

    @Test("the single-alert examples, served as a search page: RCA-style device, inference resource, legacy time")
    func alertExamples() async throws {
        let tenant = try FakeTenant(tenantID: "msp_102")
        let server = try await tenant.startServer()
        let raw = try PublishedSamples.json("alert_get_spec_example-raw.json")
        let inference = try PublishedSamples.json("alert_get_spec_example-inference.json")
        let legacy = try PublishedSamples.json("alert_get_spec_example-1.json")[0] ?? .null
        let page: JSONValue = ["results": [raw, inference, legacy], "totalResults": 3, "pageNo": 1, "pageSize": 50, "nextPage": false]
        tenant.fake.inject(.status(200, body: JSONWriter.string(page)), on: .alerts)
        let result = try await server.callTool("get_alerts", [:])
        let alerts = result.rows("alerts")
        #expect(alerts.count == 3)
        #expect(alerts[0]["resourceName"] == "check code" && alerts[0]["resourceHostName"] == "res1" && alerts[0]["incidentId"] == "INC0000000093")
        #expect(alerts[1]["eventType"] == "INFERENCE" && alerts[1]["resourceName"] == "2adc3-aiops" && alerts[1]["resourceType"] == "CLIENT")
        #expect(alerts[2]["createdDate"] == "2015-11-18T09:44:08Z" && alerts[2]["resourceName"] == "HYDLPT204")
        // On the partner tenant every alert says whose it is.
        #expect(alerts.map { $0["tenantName"]?.stringValue ?? "" } == ["Brocade Lab", "2adc3-aiops", "Notification_client5"])
    }

    @Test(
        "the resources/minimal examples: every resource, counted",
        arguments: [
            "resources_minimal_spec_example-1.json", "resources_minimal_spec_dns-example.json",
        ])
    func minimal(_ name: String) async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        try Self.serve(tenant, name, on: .minimalResources)
        let result = try await server.callTool("get_minimal_resource_details", [:])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["matched"] == 4)
        let expected = (try PublishedSamples.json(name).arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        #expect((result.structured?["resources"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } == expected)
    }

    @Test("the real resource page: 208 matches reported, the 100 read, and the missing pages named")
    func realResourcePage() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "1000000"])
        try Self.serve(tenant, "resources_search_ormcp_real_2025.json", on: .minimalResources)
        tenant.fake.inject(.errorObject(status: 404, code: "0404", message: "Not found"), on: .minimalResources)
        let result = try await server.callTool("get_minimal_resource_details", ["limit": 300])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["matched"] == 208)
        #expect(result.structured?["returned"] == 100)
        #expect(result.structured?["moreAvailable"] == true)
        #expect(result.structured?["incomplete"]?.stringValue?.contains("page 2 could not be fetched") == true)
        #expect(tenant.requests(on: .minimalResources).last?.query["pageNo"] == "2")
        let first = result.structured?["resources"]?[0]
        #expect(first?["name"] == "01-Front Ambient" && first?["resourceType"] == "Other")
    }

    @Test("the error examples: 500 0003 is 'no such object' at once; a validation list in a 200 is an error")
    func errors() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        try Self.serve(tenant, "error_500_0003_spec.json", status: 500, on: .minimalResources)
        let missing = try await server.callTool("get_minimal_resource_details", [:])
        #expect(missing["isError"] == true)
        #expect(missing.text.contains("no such object") && missing.text.contains("No resource found with UUID"))
        #expect(tenant.requests(on: .minimalResources).count == 1)

        try Self.serve(tenant, "error_400_validation_spec.json", on: .alerts)
        let invalid = try await server.callTool("get_alerts", [:])
        #expect(invalid["isError"] == true)
        #expect(invalid.text.contains("ASSIGN CUSTOMATTRIBUTES action does not support Numerical item"))
        #expect(invalid.text.contains("not \"no matches\""))
    }
}
