import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Process: result schemas and progress")
struct ResultSchemaTests {
    @Test("every tool's structuredContent validates against the outputSchema it lists", arguments: ["2025-06-18", "2025-11-25"])
    func structuredContentMatchesSchema(_ version: String) async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_PORTAL_URL": "https://example.app.opsramp.com"], version: version)
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        let schemas = Dictionary(
            uniqueKeysWithValues: tools.compactMap { tool -> (String, JSONValue)? in
                guard let name = tool["name"]?.stringValue, let schema = tool["outputSchema"] else { return nil }
                return (name, schema)
            })
        #expect(schemas.count == 6)
        let calls: [(String, JSONValue)] = [
            ("get_alerts", ["states": ["Critical", "Warning"], "since": "24h", "limit": 10]),
            ("get_alerts", ["since": "7d", "limit": 2]),
            ("get_alerts", ["states": ["Critical", "Warning"], "since": "24h", "group_by": "resource"]),
            ("get_minimal_resource_details", ["state": "all"]),
            ("get_minimal_resource_details", ["type": "EC2"]),
            ("get_minimal_resource_details", ["type": "RDS"]),
            ("get_minimal_resource_details", ["resource_type": "EC2", "limit": 1]),
            (
                "execute_opsql_query",
                ["query": ["objectType": "alert", "fields": ["id", "currentState"], "filterCriteria": "currentState = \"CRITICAL\""]]
            ),
            ("execute_opsql_query", ["query": ["objectType": "resource", "aggregateFunction": "count", "groupBy": []]]),
            ("get_query_examples", ["category": "all"]),
            ("get_alert_statistics_dashboard", ["by_priority": true]),
            ("get_alert_statistics_dashboard", ["since": "7d", "top": 1]),
            ("execute_opsql_query", ["query": ["objectType": "alert", "fields": ["id", "alertType"]], "limit": 3]),
            ("get_release_version", [:]),
        ]
        for (name, arguments) in calls {
            let result = try await server.callTool(name, arguments)
            #expect(result["isError"] == false, "\(name): \(result.text)")
            let structured = try #require(result.structured, "\(name) has no structuredContent")
            let violations = JSONSchemaValidator.validate(structured, against: schemas[name] ?? .null)
            #expect(violations.isEmpty, "\(name): \(violations)")
            let undeclared = SchemaCoverage.problems(structured, schema: schemas[name] ?? .null)
            #expect(undeclared.isEmpty, "\(name): \(undeclared)")
            #expect(try JSONParser.parse(result.text) == structured)
        }
        tenant.expectNoSecrets(in: server)
    }

    @Test("a multi-page fetch with a progress token sends increasing notifications/progress before the answer")
    func progressNotifications() async throws {
        let tenant = try FakeTenant()
        tenant.fake.alerts = (0..<1_100).map { index in
            FakeData.alert(
                id: 800_000 + index, state: "Warning", priority: "P3", subject: "Alert \(index)", createdMinutesAgo: index,
                resourceID: "r-\(index % 9)", resourceName: "host-\(index % 9)", ip: "10.3.0.\(index % 9)", now: tenant.now)
        }
        // A cap that holds all 1000, so that they are fetched in two pages (under a smaller cap a list
        // fetches only what can appear in it).
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "10000000"])
        server.send(
            #"{"jsonrpc":"2.0","id":"paged","method":"tools/call","params":{"name":"get_alerts","arguments":{"limit":1000},"_meta":{"progressToken":"tok-1"}}}"#
        )
        _ = try await server.response(id: "paged", timeout: 30)
        let messages = try server.messages()
        let progress = messages.filter { $0["method"] == "notifications/progress" }
        #expect(progress.count == 2)
        #expect(progress.allSatisfy { $0["params"]?["progressToken"] == "tok-1" && $0["params"]?["total"]?.doubleValue == 1000 })
        #expect(progress.map { $0["params"]?["progress"]?.doubleValue ?? 0 } == [500, 1000])
        let answerIndex = messages.firstIndex { $0["id"] == "paged" } ?? 0
        let lastProgress = messages.lastIndex { $0["method"] == "notifications/progress" } ?? Int.max
        #expect(lastProgress < answerIndex)
    }
}
