import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// `OPSRAMP_MCP_EXCLUDE_TOOLS`: the tools left out are named nowhere the model reads.
@Suite("Process: tools left out of the selection")
struct ToolExclusionProcessTests {
    @Test("with get_alerts and get_query_examples excluded under prod_, no description, error or next names them")
    func reviewersSelection() async throws {
        let tenant = try FakeTenant()
        defer { withExtendedLifetime(tenant) {} }
        tenant.fake.alerts = (0..<5_200).map { index in
            FakeData.alert(
                id: 700_000 + index, state: index % 2 == 0 ? "Critical" : "Warning", priority: "P2",
                subject: "Probe \(index % 5) failed", createdMinutesAgo: index / 10, resourceID: "dev-\(index % 30)",
                resourceName: "dev-\(index % 30)", ip: "10.2.0.\(index % 30)", now: tenant.now)
        }
        let server = try ServerProcess(
            environment: tenant.environment([
                "OPSRAMP_MCP_TOOL_PREFIX": "prod_", "OPSRAMP_MCP_EXCLUDE_TOOLS": "get_alerts,get_query_examples",
            ]))
        let initialized = try await server.initialize()
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        let served = Set(tools.compactMap { $0["name"]?.stringValue })
        #expect(
            served == [
                "prod_get_minimal_resource_details", "prod_execute_opsql_query", "prod_get_alert_statistics_dashboard",
                "prod_get_release_version",
            ])
        var texts = [JSONWriter.string(.array(tools)), initialized["instructions"]?.stringValue ?? ""]
        let invalid = try await server.callTool("prod_execute_opsql_query", ["query": ["fields": ["id"]]])
        #expect(invalid["isError"] == true)
        #expect(invalid.text.contains("opsql://examples"), "\(invalid.text)")
        texts.append(invalid.text)
        let dashboard = try await server.callTool("prod_get_alert_statistics_dashboard", ["since": "24h"], timeout: 60)
        #expect(dashboard["isError"] == false, "\(dashboard.text.prefix(300))")
        #expect(dashboard.structured?["incomplete"]?.stringValue?.contains("a shorter window") == true, "\(dashboard.text.prefix(600))")
        if let next = dashboard.structured?["next"]?["tool"]?.stringValue { #expect(served.contains(next)) }
        texts.append(dashboard.text)
        for text in texts {
            #expect(!text.contains("get_alerts") && !text.contains("get_query_examples"), "\(text.prefix(500))")
        }
    }
}
