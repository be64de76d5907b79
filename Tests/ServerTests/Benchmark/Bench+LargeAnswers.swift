import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension Bench {
    /// `get_alerts` limit 1000 over 1,200 alerts, under the default result cap (what users run) and with
    /// the cap raised so that all 1,000 come back, vs the time the fake takes to serve the two 500-alert
    /// pages that limit spans. The fake sends cached bytes, so the reference is the wire and not the
    /// (debug-built) fake's own filtering and encoding. The reference is taken from a second fake with
    /// the same alerts, once before each call, so that both are measured over the same stretch of time.
    mutating func largeAlerts() async throws {
        let big = try FakeTenant()
        big.fake.alerts = (0..<1_200).map { index in
            FakeData.alert(
                id: 700_000 + index, state: ["Critical", "Warning", "Info"][index % 3], priority: "P\(index % 5)",
                subject: "Disk usage above threshold on volume \(index % 7) of host-\(index % 50)", createdMinutesAgo: index,
                resourceID: UUID().uuidString.lowercased(), resourceName: "host-\(index % 50)", ip: "10.2.\(index % 250).\(index % 200)",
                now: big.now)
        }
        big.fake.cachesAnswers = true
        let wire = try FakeTenant()
        wire.fake.alerts = big.fake.alerts
        wire.fake.cachesAnswers = true
        wire.fake.recordsRequests = false
        let token = wire.fake.issueToken()
        let pageRequests = try (1...2).map { page in
            var request = URLRequest(
                url: try #require(
                    URL(string: wire.fake.baseURL + "/api/v2/tenants/client_1234/alerts/search?pageNo=\(page)&pageSize=500&isDescendingOrder=true")))
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            return request
        }
        /// The two pages straight from the fake, in seconds.
        func fakePages() async throws -> Double {
            let started = DispatchTime.now().uptimeNanoseconds
            for request in pageRequests { _ = try await URLSession.shared.data(for: request) }
            return seconds(since: started)
        }
        _ = try await fakePages()

        // The target holds under the default cap (what users run); with the cap raised every alert is
        // parsed, compacted and written, and the row shows that work against the wire alone.
        let count = 9
        for (key, extra, what, target) in [
            (
                "alerts-capped", [:],
                "get_alerts limit 1000 under the default result cap (median of \(count)) vs the fake serving the two 500-alert pages",
                2.0
            ),
            (
                "alerts-full", ["OPSRAMP_MCP_MAX_RESULT_BYTES": "10000000"],
                "get_alerts limit 1000, cap raised to return all 1000 (median of \(count)), same reference (for reference)", nil
            ),
        ] as [(String, [String: String], String, Double?)] {
            let client = try server(big, extra)
            _ = client.roundTrip(call(1, "get_release_version"))
            let beforeKB = client.currentMemoryKB
            let status = "/proc/\(client.child.pid)/status"
            let beforeFileKB = LineClient.statusField("RssFile:", in: status)
            _ = client.roundTrip(call(2, "get_alerts", #"{"limit":1000}"#))
            big.fake.reset()
            var calls: [Double] = []
            var references: [Double] = []
            var answer: String?
            for id in 3..<(3 + count) {
                references.append(try await fakePages())
                let (line, seconds) = client.roundTrip(call(id, "get_alerts", #"{"limit":1000}"#))
                calls.append(seconds)
                answer = line
            }
            if target != nil { track(client) }
            let peak = client.peakMemoryKB
            // Freed memory goes back once the server has been quiet for a moment.
            usleep(600_000)
            let afterKB = client.currentMemoryKB
            let afterFileKB = LineClient.statusField("RssFile:", in: status)
            client.finish()
            let pages = big.fake.requests.filter { $0.route == .alerts }
            let asked = pages.reduce(0) { $0 + (Int($1.query["pageSize"] ?? "") ?? 0) }
            let returned = answer.flatMap { try? JSONParser.parse($0) }?["result"]?["structuredContent"]?["returned"]?.intValue ?? -1
            report.time(key, what, Sample(calls).median, floor: Sample(references).median, target: target)
            report.note(
                "\(key): \(returned) alerts in a \(answer?.utf8.count ?? 0)-byte answer; per call \(pages.count / count) page(s) "
                    + "asked of OpsRamp for \(asked / count) alerts; server RSS \(mb(beforeKB)) before the calls, \(mb(afterKB)) after them, "
                    + "peak \(mb(peak)) (file-backed pages \(mb(beforeFileKB)) before, \(mb(afterFileKB)) after)")
        }
    }

    func mb(_ kilobytes: Int) -> String {
        String(format: "%.1f MB", Double(kilobytes) / 1024)
    }

    /// A large resource list: 60,000 resources (about 13 MB), sent as prepared bytes. The body must be
    /// read in linear time; a copy of it per received chunk made this call take seconds. A stress row:
    /// its peak is reported on its own, not in the whole-run peak.
    mutating func resourceList() async throws {
        let inventory = try FakeTenant()
        // The fields resources/minimal answers with (reference §7).
        let listBody = JSONWriter.bytes(
            .array(
                (0..<60_000).map { index -> JSONValue in
                    [
                        "id": .string("0d9a7a0e-\(100_000 + index)-4000-8000-" + String(index, radix: 16)), "name": .string("host-\(index)"),
                        "hostName": .string("host-\(index).example.com"),
                        "ipAddress": .string("10.\(index / 65_536).\(index / 256 % 256).\(index % 256)"),
                        "aliasName": "", "resourceName": .string("host-\(index)"), "resourceType": "Linux",
                        "dnsName": .string("host-\(index).internal.example.com"),
                    ]
                }))
        inventory.fake.inject(.bytes(200, body: listBody, headers: [:]), on: .minimalResources, times: 10)
        let token = inventory.fake.issueToken()
        var fakeLists: [Double] = []
        for _ in 0..<5 {
            let started = DispatchTime.now().uptimeNanoseconds
            let url = try #require(URL(string: inventory.fake.baseURL + "/api/v2/tenants/client_1234/resources/minimal?state=active"))
            var request = URLRequest(url: url)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            _ = try await URLSession.shared.data(for: request)
            fakeLists.append(seconds(since: started))
        }
        let client = try server(inventory)
        _ = client.roundTrip(call(1, "get_release_version"))
        var calls: [Double] = []
        for id in 2..<7 {
            let (answer, seconds) = client.roundTrip(call(id, "get_minimal_resource_details", #"{"limit":10}"#))
            #expect(answer?.contains(#""matched":60000"#) == true)
            calls.append(seconds)
        }
        let peak = client.peakMemoryKB
        client.finish()
        report.time(
            "resources", "get_minimal_resource_details over 60,000 resources (median of 5) vs the fake serving the list",
            Sample(calls).median, floor: Sample(fakeLists).median, target: 8.0)
        report.note("resource list: \(listBody.count / 1_000_000) MB from the fake, server peak RSS \(peak / 1024) MB (not in the whole-run peak)")
    }
}
