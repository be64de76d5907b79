import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// Every answer cut by the size cap gives a `next` that reaches what was cut, and following `next`
/// sees every device and resource exactly once.
@Suite("Process: following next through cut answers")
struct CutContinuationTests {
    /// Calls `tool` and its `next` until there is none; the rows of each answer under `key`.
    static func follow(
        _ server: ServerProcess, _ tool: String, _ arguments: JSONValue, key: String, maxBytes: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [[String: JSONValue]] {
        var call = (tool: tool, arguments: arguments)
        var rows: [[String: JSONValue]] = []
        for _ in 0..<40 {
            let result = try await server.callTool(call.tool, call.arguments)
            #expect(result["isError"] == false, "\(result.text.prefix(300))", sourceLocation: sourceLocation)
            #expect(result.text.utf8.count <= maxBytes, sourceLocation: sourceLocation)
            let table = result.structured?[key]
            let page = table?["columns"] != nil ? AnswerChecks.tableRows(table) : result.rows(key).compactMap(\.objectValue)
            rows += page
            guard let next = result.structured?["next"] else { return rows }
            #expect(!page.isEmpty, "an answer with nothing in it still has a next", sourceLocation: sourceLocation)
            let target = next["tool"]?.stringValue ?? ""
            #expect(target == tool, sourceLocation: sourceLocation)
            #expect(next["arguments"] != call.arguments, "next repeats the same call", sourceLocation: sourceLocation)
            call = (target, next["arguments"] ?? [:])
        }
        Issue.record("next never ended", sourceLocation: sourceLocation)
        return rows
    }

    func attentionTenant(_ settings: [String: String]) async throws -> (FakeTenant, ServerProcess) {
        let tenant = try FakeTenant()
        let large = FakeData.attentionTenant(now: tenant.now)
        tenant.fake.alerts = large.alerts
        tenant.fake.resources = large.resources
        var environment = ["OPSRAMP_TIMEZONE": "UTC", "OPSRAMP_MCP_TOOL_PREFIX": "prod_"]
        for (key, value) in settings { environment[key] = value }
        return (tenant, try await tenant.startServer(environment))
    }

    @Test("a dashboard cut by size continues the ranking: every one of 65 devices once, in rank order")
    func dashboard() async throws {
        let (tenant, full) = try await attentionTenant([:])
        defer { withExtendedLifetime(tenant) {} }
        let whole = try await full.callTool("prod_get_alert_statistics_dashboard", ["since": "today", "top": 65])
        let ranking = AnswerChecks.tableRows(whole.structured?["devices"]).compactMap { $0["id"]?.stringValue }
        #expect(ranking.count == 65)

        let capped = try await tenant.startServer([
            "OPSRAMP_TIMEZONE": "UTC", "OPSRAMP_MCP_TOOL_PREFIX": "prod_",
            "OPSRAMP_MCP_MAX_RESULT_BYTES": "3000",
        ])
        let first = try await capped.callTool("prod_get_alert_statistics_dashboard", ["since": "today", "top": 65])
        #expect(first.structured?["truncated"]?.stringValue?.contains("next continues") == true, "\(first.text.prefix(300))")
        let seen = try await Self.follow(
            capped, "prod_get_alert_statistics_dashboard", ["since": "today", "top": 65],
            key: "devices", maxBytes: 3_000
        ).compactMap { $0["id"]?.stringValue }
        #expect(seen == ranking)
    }

    @Test("get_alerts grouped by resource and cut by size: next groups the same alerts from the first row left out")
    func groupedAlerts() async throws {
        let (tenant, full) = try await attentionTenant([:])
        defer { withExtendedLifetime(tenant) {} }
        let arguments: JSONValue = ["since": "today", "states": ["Critical", "Warning"], "actions": ["OPEN"], "group_by": "resource"]
        let whole = try await full.callTool("prod_get_alerts", arguments)
        let groups = AnswerChecks.tableRows(whole.structured?["resources"]).compactMap { $0["id"]?.stringValue }
        #expect(groups.count == 65)

        let capped = try await tenant.startServer([
            "OPSRAMP_TIMEZONE": "UTC", "OPSRAMP_MCP_TOOL_PREFIX": "prod_",
            "OPSRAMP_MCP_MAX_RESULT_BYTES": "3000",
        ])
        let seen = try await Self.follow(capped, "prod_get_alerts", arguments, key: "resources", maxBytes: 3_000)
            .compactMap { $0["id"]?.stringValue }
        #expect(seen == groups)
    }

    @Test(
        "a resource listing cut by size, with or without OpsRamp's total: next reaches all 208 resources, each once",
        arguments: [true, false])
    func resources(withTotal: Bool) async throws {
        let tenant = try FakeTenant()
        tenant.fake.resources = FakeData.resources(count: 208)
        tenant.fake.minimalResourcesAsEnvelope = true
        var variants = FakeVariants()
        variants.minimalEnvelopeWithoutTotal = !withTotal
        tenant.fake.variants = variants
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "3000"])
        let seen = try await Self.follow(
            server, "get_minimal_resource_details", withTotal ? ["limit": 1000] : [:],
            key: "resources", maxBytes: 3_000
        ).compactMap { $0["id"]?.stringValue }
        #expect(seen == tenant.fake.resources.compactMap { $0["id"]?.stringValue })
    }

    @Test("without OpsRamp's total the count is a lower bound, said so, and next is an offset that reaches the rest")
    func lowerBound() async throws {
        let tenant = try FakeTenant()
        defer { withExtendedLifetime(tenant) {} }
        tenant.fake.resources = FakeData.resources(count: 208)
        tenant.fake.minimalResourcesAsEnvelope = true
        var variants = FakeVariants()
        variants.minimalEnvelopeWithoutTotal = true
        tenant.fake.variants = variants
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "1000000"])
        let first = try await server.callTool("get_minimal_resource_details", [:])
        #expect(first.structured?["matched"] == 100 && first.structured?["matchedIsExact"] == false)
        #expect(first.structured?["note"]?.stringValue?.contains("At least 100") == true)
        #expect(first.structured?["next"]?["arguments"] == ["offset": 100, "limit": 100])
        let half = try await server.callTool("get_minimal_resource_details", ["limit": 50])
        #expect(half.structured?["matched"] == 50 && half.structured?["matchedIsExact"] == false)
        let last = try await server.callTool("get_minimal_resource_details", ["offset": 200, "limit": 100])
        #expect(last.structured?["returned"] == 8)
        #expect(last.structured?["matched"] == 208 && last.structured?["matchedIsExact"] == nil)
        #expect(last.structured?["moreAvailable"] == false && last.structured?["next"] == nil)
    }

    @Test("OpsRamp reporting matches it does not send is said to be so, with no next that blames the limit")
    func reportedButNotSent() async throws {
        let tenant = try FakeTenant()
        defer { withExtendedLifetime(tenant) {} }
        let server = try await tenant.startServer()
        tenant.fake.inject(.status(200, body: #"{"results":[],"totalResults":12,"nextPage":false}"#), on: .minimalResources)
        let result = try await server.callTool("get_minimal_resource_details", [:])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["matched"] == 12 && result.structured?["returned"] == 0)
        let incomplete = result.structured?["incomplete"]?.stringValue ?? ""
        #expect(incomplete.contains("reported 12 matching resources") && incomplete.contains("returned none"), "\(incomplete)")
        #expect(result.structured?["next"] == nil && result.structured?["moreAvailable"] == false)
    }

    @Test("get_query_examples keeps to the size cap, and next shows every example once")
    func queryExamples() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "2500"])
        let all = try await tenant.startServer()
        let every = try await all.callTool("get_query_examples", [:]).rows("examples").compactMap { $0["question"]?.stringValue }
        #expect(every.count > 5)
        let seen = try await Self.follow(server, "get_query_examples", [:], key: "examples", maxBytes: 2_500)
            .compactMap { $0["question"]?.stringValue }
        #expect(seen == every)
    }
}
