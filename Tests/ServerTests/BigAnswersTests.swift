import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// A list under the result cap does the work it returns: it fetches only the alerts that can appear.
@Suite("Process: big answers fetch what they return")
struct BigAnswersTests {
    static func tenant(alerts count: Int) throws -> FakeTenant {
        let tenant = try FakeTenant()
        tenant.fake.alerts = (0..<count).map { index in
            FakeData.alert(
                id: 700_000 + index, state: ["Critical", "Warning", "Info"][index % 3], priority: "P\(index % 5)",
                subject: "Disk usage above threshold on volume \(index % 7) of host-\(index % 50)", createdMinutesAgo: index,
                resourceID: "r-\(index % 50)", resourceName: "host-\(index % 50)", ip: "10.2.\(index % 250).\(index % 200)",
                now: tenant.now)
        }
        return tenant
    }

    @Test("limit 1000 under the default cap: pages of about what fits until the answer is full, not two of 500; next continues exactly")
    func fetchesWhatFits() async throws {
        let tenant = try Self.tenant(alerts: 1_200)
        let server = try await tenant.startServer()
        let first = try await server.callTool("get_alerts", ["limit": 1000])
        #expect(first["isError"] == false, "\(first.text)")
        #expect(first.text.utf8.count <= 40_000)
        let kept = first.structured?["returned"]?.intValue ?? 0
        #expect(kept > 20)
        // Pages of about what fits, until the answer is full: far fewer than the 1000 asked for.
        let searches = tenant.requests(on: .alerts)
        let pageSize = Int(searches.first?.query["pageSize"] ?? "") ?? 0
        #expect(pageSize < 500 && searches.count <= 2)
        #expect(pageSize * searches.count < kept + pageSize + 1)
        #expect(first.structured?["totalResults"] == 1200)
        #expect(first.structured?["moreAvailable"] == true)
        #expect(first.structured?["truncated"]?.stringValue?.contains("next continues") == true)
        #expect(first.structured?["incomplete"] == nil)
        let next = try #require(first.structured?["next"]?["arguments"])
        #expect(next["offset"]?.intValue == kept)
        #expect(next["limit"]?.intValue == 1000 - kept)

        let second = try await server.callTool("get_alerts", next)
        let ids = (first.rows("alerts") + second.rows("alerts")).compactMap { $0["uniqueId"]?.stringValue }
        #expect(ids == tenant.fake.alerts.prefix(ids.count).compactMap { $0["uniqueId"]?.stringValue })
        tenant.expectNoSecrets(in: server)
    }

    @Test("small alerts that do not fill the cap from one page: pages are fetched until the answer is full")
    func morePagesWhenSmall() async throws {
        let tenant = try FakeTenant()
        tenant.fake.alerts = (0..<900).map { index in
            FakeData.alert(
                id: 710_000 + index, state: "Warning", priority: "P3", subject: "A\(index)", createdMinutesAgo: index,
                resourceID: "r-1", resourceName: "h", ip: "10.0.0.1", now: tenant.now)
        }
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_alerts", ["limit": 1000])
        #expect(result.text.utf8.count <= 40_000)
        let kept = result.structured?["returned"]?.intValue ?? 0
        let searches = tenant.requests(on: .alerts)
        let pageSize = Int(searches.first?.query["pageSize"] ?? "") ?? 0
        // Fetched beyond the first page, and stopped before the last one it would have needed for 900.
        #expect(searches.count >= 2 && searches.count * pageSize < 900 + pageSize)
        #expect(searches.map { $0.query["pageNo"] ?? "" } == (1...searches.count).map(String.init))
        #expect(kept > pageSize)
        #expect(result.structured?["next"]?["arguments"]?["offset"]?.intValue == kept)
    }

    @Test("a cap that holds everything still fetches everything asked for")
    func raisedCap() async throws {
        let tenant = try Self.tenant(alerts: 1_200)
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "10000000"])
        let result = try await server.callTool("get_alerts", ["limit": 1000])
        #expect(result.structured?["returned"] == 1000)
        #expect(result.structured?["truncated"] == nil)
        #expect(tenant.requests(on: .alerts).map { $0.query["pageSize"] ?? "" } == ["500", "500"])
    }
}
