import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// The data `opsramp-mcp-server --demo` serves: varied like a real partner tenant, and stable
/// enough that the demo's answers (and the tests of them) do not depend on when it runs.
@Suite("Fake OpsRamp: the demo tenant")
struct DemoTenantTests {
    let now = Date()
    var demo: DemoTenantData { FakeData.demoTenant(now: now) }

    /// Minutes between `now` and the alert's `createdDate` (OpsRamp's `yyyy-MM-dd'T'HH:mm:ssZ`).
    func minutesAgo(_ alert: JSONValue) -> Double? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        guard let text = alert["createdDate"]?.stringValue, let date = formatter.date(from: text) else { return nil }
        return now.timeIntervalSince(date) / 60
    }

    @Test("a partner tenant with four clients; every alert and resource belongs to one of them")
    func partnerTenant() {
        let demo = demo
        #expect(demo.tenantID.hasPrefix("msp_"))
        #expect(demo.clients.count == 4)
        let clients = Set(demo.clients.map(\.id))
        let names = Set(demo.clients.map(\.name))
        #expect(demo.alerts.count == 42)
        #expect(demo.resources.count == 24)
        for alert in demo.alerts {
            #expect(clients.contains(alert["clientUniqueId"]?.stringValue ?? ""), "\(alert["uniqueId"] ?? .null)")
            #expect(names.contains(alert["tenantName"]?.stringValue ?? ""))
        }
        for resource in demo.resources {
            #expect(clients.contains(resource["clientId"]?.stringValue ?? ""), "\(resource["name"] ?? .null)")
        }
        // Each client has alerts, so a partner-wide answer really mixes clients.
        #expect(Set(demo.alerts.compactMap { $0["clientUniqueId"]?.stringValue }) == clients)
    }

    @Test("alerts in every state and priority, open, acknowledged, ticketed and closed, over the last week")
    func everyStateAndPriority() throws {
        let alerts = demo.alerts
        #expect(Set(alerts.compactMap { $0["currentState"]?.stringValue }) == ["Critical", "Warning", "Info", "Ok"])
        #expect(Set(alerts.compactMap { $0["priority"]?.stringValue }) == ["P0", "P1", "P2", "P3", "P4", "P5", "N/A"])
        #expect(alerts.contains { $0["closed"] == true } && alerts.contains { $0["closed"] == false })
        #expect(alerts.contains { $0["acknowledged"] == true })
        let ticketed = try #require(alerts.first { $0["ticketed"] == true })
        #expect(ticketed["status"] == "Ticketed" && ticketed["incidentId"]?.stringValue?.hasPrefix("INC") == true)
        let ages = alerts.compactMap(minutesAgo)
        #expect(ages.count == alerts.count)
        #expect(ages == ages.sorted(), "newest first")
        #expect((ages.max() ?? 0) > 6 * 1440 && (ages.max() ?? 0) < 7 * 1440)
        #expect(Set(alerts.compactMap { $0["uniqueId"]?.stringValue }).count == alerts.count)
    }

    @Test("RCA alerts name the host only in device (resource null, {} or absent); inference alerts name the client")
    func rcaAndInferenceShapes() {
        let alerts = demo.alerts
        let rca = alerts.filter { $0["eventType"] == "RCA" }
        #expect(rca.count == 3)
        #expect(rca.contains { $0.objectValue?["resource"] == .null })
        #expect(rca.contains { $0["resource"] == [:] })
        #expect(rca.contains { $0.objectValue?.keys.contains("resource") == false })
        #expect(rca.allSatisfy { ($0["device"]?["name"]?.stringValue ?? "").isEmpty == false })
        let inference = alerts.filter { $0["eventType"] == "INFERENCE" }
        #expect(inference.count == 1)
        #expect(inference.allSatisfy { $0["device"] == nil && $0["resource"]?["type"] == "CLIENT" && $0["priority"] == "N/A" })
    }

    @Test("EC2 instances of three clients, active, inactive and down; other resources of many kinds")
    func resources() {
        let resources = demo.resources
        let ec2 = resources.filter { $0["make"] == "AWS" && $0["nativeType"] == "EC2 Instance" }
        #expect(ec2.count == 7)
        #expect(
            ec2.filter { $0["state"] == "inactive" }.compactMap { $0["name"]?.stringValue }.sorted()
                == ["ec2-bluefin-track-02", "ec2-shop-worker-01"])
        #expect(ec2.filter { $0["status"] == "DOWN" }.compactMap { $0["name"]?.stringValue } == ["ec2-shop-api-01"])
        #expect(ec2.allSatisfy { $0["instanceId"]?.stringValue?.hasPrefix("i-") == true })
        #expect(Set(ec2.compactMap { $0["clientId"]?.stringValue }).count == 3)
        #expect(Set(resources.compactMap { $0["resourceType"]?.stringValue }).count >= 8)
        #expect(Set(resources.compactMap { $0["state"]?.stringValue }) == ["active", "inactive", "discovered"])
    }

    @Test("the operator questions have the answers the data promises: 6 critical in the last hour, 18 open problems today")
    func operatorQuestions() {
        let alerts = demo.alerts
        let lastHour = alerts.filter { $0["currentState"] == "Critical" && (minutesAgo($0) ?? .infinity) < 60 }
        #expect(lastHour.compactMap { $0["uniqueId"]?.stringValue } == ["410001", "410002", "410004", "410007", "410009", "410011"])
        #expect(lastHour.allSatisfy { $0["closed"] == false })
        let today = alerts.filter {
            ["Critical", "Warning"].contains($0["currentState"]?.stringValue ?? "") && $0["closed"] == false && (minutesAgo($0) ?? .infinity) < 1440
        }
        #expect(today.count == 18)
        // Named by resource, else device (RCA); the inference alert names its client.
        let hosts = Set(today.compactMap { ($0["resource"]?["name"] ?? $0["device"]?["name"])?.stringValue })
        #expect(hosts.count == 17)
        #expect(hosts.contains("Kestrel Credit Union"))
    }

    @Test("no alert within five minutes of the one-hour or one-day edge, so answers do not depend on seconds")
    func windowEdges() {
        for minutes in demo.alerts.compactMap(minutesAgo) {
            #expect(abs(minutes - 60) > 5 && abs(minutes - 1440) > 5, "\(minutes) minutes ago")
        }
    }

    @Test("the same now gives the same data; a later now shifts only the dates")
    func deterministic() {
        let first = FakeData.demoTenant(now: now)
        #expect(first.alerts == FakeData.demoTenant(now: now).alerts)
        #expect(first.resources == FakeData.demoTenant(now: now).resources)
        let later = FakeData.demoTenant(now: now.addingTimeInterval(3600))
        #expect(later.alerts.map { $0["uniqueId"] } == first.alerts.map { $0["uniqueId"] })
        #expect(later.alerts.map { $0["subject"] } == first.alerts.map { $0["subject"] })
        #expect(later.alerts.first?["createdDate"] != first.alerts.first?["createdDate"])
    }

    @Test("serveDemoTenant dates the data afresh while the fake runs")
    func refresh() async throws {
        let fake = FakeOpsRamp(tenantID: demo.tenantID)
        fake.serveDemoTenant(refreshInterval: .milliseconds(100))
        try fake.start()
        defer { fake.stop() }
        let before = try #require(fake.alerts.first?["createdDate"]?.stringValue)
        #expect(fake.alerts.count == 42)
        // Dates have whole seconds.
        var after = before
        let deadline = ContinuousClock.now + .seconds(5)
        while after == before, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            after = fake.alerts.first?["createdDate"]?.stringValue ?? before
        }
        #expect(after > before)
        #expect(fake.alerts.count == 42)
    }
}
