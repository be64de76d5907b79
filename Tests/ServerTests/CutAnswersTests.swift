import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// Answers that cannot hold everything say exactly how to get the rest, and the rest is reachable.
@Suite("Process: cut answers and how to reach what was cut")
struct CutAnswersTests {
    @Test("following next from a cut get_alerts answer reaches every alert once, in order")
    func followNext() async throws {
        let tenant = try FakeTenant()
        tenant.fake.alerts = (0..<300).map { index in
            FakeData.alert(
                id: 600_000 + index, state: ["Critical", "Warning", "Info"][index % 3], priority: "P\(index % 6)",
                subject: "Queue depth \(index) above threshold on broker-\(index % 12)", createdMinutesAgo: index,
                resourceID: "r-\(index % 12)", resourceName: "broker-\(index % 12)", ip: "10.4.0.\(index % 12)", now: tenant.now)
        }
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "8000", "OPSRAMP_MCP_TOOL_PREFIX": "prod_"])
        var arguments: JSONValue = ["since": "1d", "limit": 1000]
        var seen: [String] = []
        var calls = 0
        while calls < 60 {
            calls += 1
            let result = try await server.callTool("prod_get_alerts", arguments)
            #expect(result["isError"] == false, "\(result.text)")
            #expect(result.text.utf8.count <= 8_000)
            seen += result.rows("alerts").compactMap { $0["uniqueId"]?.stringValue }
            guard let next = result.structured?["next"] else {
                #expect(result.structured?["moreAvailable"] == false)
                break
            }
            #expect(result.structured?["moreAvailable"] == true)
            #expect(next["tool"] == "prod_get_alerts")
            #expect(next["arguments"]?["offset"]?.intValue == seen.count)
            // The window is pinned, so the continuation asks for exactly the same alerts.
            #expect(next["arguments"]?["until"] != nil && next["arguments"]?["since"] != "1d")
            arguments = next["arguments"] ?? [:]
        }
        #expect(calls > 5, "the cap should have cut the answer several times")
        #expect(seen == tenant.fake.alerts.compactMap { $0["uniqueId"]?.stringValue })
    }

    @Test("following next from a cut OpsQL answer reaches every row once, whatever the page size")
    func followOpsQLNext() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "2000"])
        var arguments: JSONValue = ["query": ["objectType": "alert", "fields": ["id", "subject", "currentState"], "pageSize": 7], "limit": 25]
        var seen: [String] = []
        for _ in 0..<40 {
            let result = try await server.callTool("execute_opsql_query", arguments)
            #expect(result["isError"] == false, "\(result.text)")
            seen += result.rows("results").compactMap { $0["id"]?.stringValue }
            guard let next = result.structured?["next"]?["arguments"] else { break }
            arguments = next
        }
        #expect(seen == tenant.sample.alerts.compactMap { $0["uniqueId"]?.stringValue })
    }

    @Test("with more attention alerts than one call ranks by, the totals stay exact and next groups the rest")
    func moreThanOneCallRanks() async throws {
        let tenant = try FakeTenant()
        tenant.fake.alerts = (0..<5_600).map { index in
            FakeData.alert(
                id: 900_000 + index, state: index % 4 == 0 ? "Critical" : "Warning", priority: "P\(index % 3)",
                subject: "Synthetic check \(index % 9) failed", createdMinutesAgo: index / 10,
                resourceID: "dev-\(index % 70)", resourceName: "dev-\(index % 70)", ip: "10.9.\(index % 250).1",
                closed: index % 50 == 49, now: tenant.now)
        }
        let server = try await tenant.startServer(["OPSRAMP_MCP_TOOL_PREFIX": "prod_"])
        let result = try await server.callTool("prod_get_alert_statistics_dashboard", ["since": "24h", "by_priority": true], timeout: 60)
        #expect(result["isError"] == false, "\(result.text)")
        let open = tenant.fake.alerts.filter { $0["closed"] != true }
        let critical = open.filter { $0["currentState"] == "Critical" }.count
        #expect(result.structured?["attention"] == ["Critical": .int(critical), "Warning": .int(open.count - critical), "total": .int(open.count)])
        let priorities = result.structured?["byPriority"]?.objectValue ?? [:]
        #expect(priorities["P0"]?.intValue == open.filter { $0["priority"] == "P0" }.count)
        #expect(priorities.values.compactMap(\.intValue).reduce(0, +) == open.count)
        #expect(result.structured?["incomplete"]?.stringValue?.contains("newest 5000 of the \(open.count)") == true)
        let next = result.structured?["next"]
        #expect(next?["tool"] == "prod_get_alerts")
        #expect(next?["arguments"]?["group_by"] == "resource" && next?["arguments"]?["offset"] == 5000)
        // Within OpsRamp's 50 paged requests a minute: ten pages and the exact counts.
        let searches = tenant.requests(on: .alerts)
        #expect(searches.count <= 20, "\(searches.count) paged requests")

        let rest = try await server.callTool("prod_get_alerts", next?["arguments"] ?? [:])
        #expect(rest["isError"] == false, "\(rest.text)")
        #expect(rest.structured?["byState"]?["Critical"]?.intValue == open.dropFirst(5_000).filter { $0["currentState"] == "Critical" }.count)
        #expect(rest.structured?["moreAvailable"] == false)
    }

    @Test("when the open alert counts cannot be fetched, the resources are listed and the counts are missing, never zero")
    func countsUnavailable() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RETRIES": "0"])
        tenant.fake.inject(.html(503), on: .alerts, times: 3)
        let result = try await server.callTool("get_minimal_resource_details", ["type": "EC2"])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(result.structured?["matched"] == 4)
        #expect(result.structured?["alertCounts"]?.stringValue?.hasPrefix("not available") == true)
        #expect(result.structured?["openAlerts"] == nil)
        #expect(!result.text.contains("openCritical") && !result.text.contains("openWarning"))
    }
}
