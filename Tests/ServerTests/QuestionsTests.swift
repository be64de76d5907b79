import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// The three questions the server exists for, each asked in one call under a tool prefix, the
/// answer checked against the fake's own data, its size and its compactness.
@Suite("Process: the operator's three questions, one call each")
struct QuestionsTests {
    static let prefix = "prod_"

    func start(_ tenant: FakeTenant, _ extra: [String: String] = [:]) async throws -> (ServerProcess, Set<String>) {
        var settings = ["OPSRAMP_MCP_TOOL_PREFIX": Self.prefix, "OPSRAMP_TIMEZONE": "UTC"]
        for (key, value) in extra { settings[key] = value }
        let server = try await tenant.startServer(settings)
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        return (server, Set(tools.compactMap { $0["name"]?.stringValue }))
    }

    @Test("critical alerts from the last hour: exactly the fake's, once each field, in one call")
    func criticalLastHour() async throws {
        let tenant = try FakeTenant()
        let (server, tools) = try await start(tenant)
        let result = try await server.callTool("prod_get_alerts", ["states": ["Critical"], "since": "1h"])
        #expect(result["isError"] == false, "\(result.text)")
        let expected = FakeFacts(alerts: tenant.sample.alerts).open(states: ["Critical"], since: tenant.now.addingTimeInterval(-3_605))
        #expect(expected.count == 5)
        let rows = result.rows("alerts")
        #expect(rows.compactMap { $0["uniqueId"]?.stringValue } == expected.compactMap { $0["uniqueId"]?.stringValue })
        #expect(rows.map { $0["resourceName"] } == expected.map { $0["resource"]?["name"] })
        #expect(rows.allSatisfy { $0["currentState"] == "Critical" && $0["subject"] != nil && $0["priority"] != nil })
        #expect(result.structured?["common"]?["currentState"] == "Critical")
        #expect(result.structured?["totalResults"] == 5 && result.structured?["moreAvailable"] == false)
        AnswerChecks.expectCompact(result.structured?["alerts"]?.arrayValue ?? [], "critical alerts")
        AnswerChecks.expectNamesCallable(result.text, tools: tools, prefix: Self.prefix)
        #expect(tenant.requests(on: .alerts).count == 1)
    }

    @Test(
        "status of our AWS EC2 instances: every instance with its state and open alerts by state, however EC2 is written",
        arguments: ["EC2", "AWS EC2", "ec2", "aws ec2 instances"])
    func ec2Status(_ type: String) async throws {
        let tenant = try FakeTenant()
        let (server, tools) = try await start(tenant)
        let result = try await server.callTool("prod_get_minimal_resource_details", ["type": .string(type)])
        #expect(result["isError"] == false, "\(result.text)")
        let instances = tenant.sample.resources.filter { $0["make"] == "AWS" && $0["nativeType"] == "EC2 Instance" }
        #expect(instances.count == 4)
        let rows = result.rows("resources")
        #expect(result.structured?["matched"] == 4)
        #expect(Set(rows.compactMap { $0["id"]?.stringValue }) == Set(instances.compactMap { $0["id"]?.stringValue }))
        let open = FakeFacts(alerts: tenant.sample.alerts).openByResource()
        for instance in instances {
            let id = instance["id"]?.stringValue ?? ""
            let row = try #require(rows.first { $0["id"]?.stringValue == id })
            #expect(row["state"] == instance["state"], "\(id)")
            #expect(row["name"] == instance["name"])
            for state in ["Critical", "Warning", "Info", "Ok"] {
                #expect(row["open" + state]?.intValue == open[id]?[state] ?? 0, "\(instance["name"] ?? "") \(state)")
            }
        }
        #expect(Set(rows.compactMap { $0["state"]?.stringValue }) == ["active", "inactive"])
        AnswerChecks.expectCompact(result.structured?["resources"]?.arrayValue ?? [], "EC2 instances")
        AnswerChecks.expectNamesCallable(result.text, tools: tools, prefix: Self.prefix)
    }

    @Test("a type that exists nowhere answers with the kinds that do exist, not a bare zero")
    func unknownType() async throws {
        let tenant = try FakeTenant()
        let (server, tools) = try await start(tenant)
        let result = try await server.callTool("prod_get_minimal_resource_details", ["type": "RDS"])
        #expect(result.structured?["matched"] == 0)
        let hint = result.structured?["hint"]?.stringValue ?? ""
        #expect(hint.contains("AWS EC2 Instance (4)") && hint.contains("NetApp Storage Array (1)"), "\(hint)")
        AnswerChecks.expectNamesCallable(result.text, tools: tools, prefix: Self.prefix)
    }

    @Test("which devices need attention today: the fake's devices, counts and ranking in one call; Info and Ok apart")
    func devicesToday() async throws {
        let tenant = try FakeTenant()
        let (server, tools) = try await start(tenant)
        let result = try await server.callTool("prod_get_alert_statistics_dashboard", ["since": "today"])
        #expect(result["isError"] == false, "\(result.text)")
        let midnight = AnswerChecks.midnightUTC(tenant.now)
        try AnswerChecks.expectDevices(result.structured, facts: FakeFacts(alerts: tenant.sample.alerts), since: midnight, shown: nil)
        AnswerChecks.expectNamesCallable(result.text, tools: tools, prefix: Self.prefix)
        #expect(tenant.requests(on: .alerts).count == 3)
    }

    @Test("65 devices need attention: the top 10 by default and how many in all, all 65 on request, each under 10 KB")
    func sixtyFiveDevices() async throws {
        let tenant = try FakeTenant()
        let large = FakeData.attentionTenant(now: tenant.now)
        tenant.fake.alerts = large.alerts
        tenant.fake.resources = large.resources
        let (server, tools) = try await start(tenant)
        let facts = FakeFacts(alerts: large.alerts)
        let midnight = AnswerChecks.midnightUTC(tenant.now)

        let top = try await server.callTool("prod_get_alert_statistics_dashboard", ["since": "today"])
        try AnswerChecks.expectDevices(top.structured, facts: facts, since: midnight, shown: 10)
        #expect(top.structured?["devicesTotal"] == 65)
        #expect(top.text.utf8.count < 10_000, "\(top.text.utf8.count) bytes")
        #expect(top.structured?["next"]?["tool"] == "prod_get_alert_statistics_dashboard")
        #expect(top.structured?["next"]?["arguments"]?["top"] == 65)
        AnswerChecks.expectNamesCallable(top.text, tools: tools, prefix: Self.prefix)

        let all = try await server.callTool("prod_get_alert_statistics_dashboard", ["since": "today", "top": 65])
        try AnswerChecks.expectDevices(all.structured, facts: facts, since: midnight, shown: 65)
        #expect(all.text.utf8.count < 10_000, "\(all.text.utf8.count) bytes")
        #expect(all.structured?["next"] == nil)
    }
}
