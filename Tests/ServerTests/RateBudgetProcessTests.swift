import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// The server keeps within OpsRamp's 50 paged searches a minute per client (reference §4) on its
/// own: what the budget cannot cover is skipped and said so, or the call fails saying when to retry.
@Suite("Process: OpsRamp's rate budget")
struct RateBudgetProcessTests {
    @Test("back-to-back dashboards never earn a 429: counts the budget cannot cover are named as missing, never zero")
    func dashboardsWithinBudget() async throws {
        let tenant = try FakeTenant()
        // 2,600 open attention alerts: six pages of 500 and two counts per call, so the seventh call runs out.
        tenant.fake.alerts =
            (0..<2_600).map { index in
                FakeData.alert(
                    id: 500_000 + index, state: index % 3 == 0 ? "Critical" : "Warning", priority: "P\(index % 4)",
                    subject: "Check \(index % 7) failed", createdMinutesAgo: index / 20, resourceID: "dev-\(index % 40)",
                    resourceName: "dev-\(index % 40)", ip: "10.1.0.\(index % 40)", now: tenant.now)
            } + [
                FakeData.alert(
                    id: 499_999, state: "Info", priority: "P5", subject: "Agent restarted", createdMinutesAgo: 1,
                    resourceID: "dev-1", resourceName: "dev-1", ip: "10.1.0.1", now: tenant.now)
            ]
        var variants = FakeVariants()
        variants.pagedSearchesPerMinute = 50
        tenant.fake.variants = variants
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RETRIES": "0"])
        var affected = 0
        var refused = 0
        for _ in 0..<8 {
            let result = try await server.callTool("get_alert_statistics_dashboard", ["since": "24h"], timeout: 60)
            if result["isError"] == true {
                refused += 1
                #expect(result.text.contains("rate budget") && result.text.contains("Try again in about"), "\(result.text)")
                #expect(!result.text.contains("429 throttled"), "\(result.text)")
                continue
            }
            let answer = try #require(result.structured)
            let incomplete = answer["incomplete"]?.stringValue ?? ""
            if incomplete.contains("Not counted") {
                affected += 1
                #expect(incomplete.contains("Call again in about"), "\(incomplete)")
                if incomplete.contains("Info and Ok") { #expect(answer["otherOpen"] == nil, "\(result.text.prefix(400))") }
                if incomplete.contains("Critical and Warning apart") {
                    #expect(answer["attention"]?["Critical"] == nil && answer["attention"]?["total"] == 2_600)
                }
            } else if incomplete.isEmpty {
                #expect(answer["otherOpen"] == ["Info": 1, "Ok": 0], "\(result.text.prefix(400))")
                #expect(answer["attention"]?["total"] == 2_600)
            }
        }
        #expect(tenant.fake.throttledCount == 0, "OpsRamp refused \(tenant.fake.throttledCount) paged searches with 429")
        #expect(tenant.requests(on: .alerts).count <= 50)
        #expect(affected > 0 && refused > 0, "the calls should have run the budget down (affected \(affected), refused \(refused))")
    }
}
