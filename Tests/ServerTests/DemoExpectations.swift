import FakeOpsRamp
import Foundation
import OpsRampJSON
import TestChildProcess
import Testing

/// The demo tenant's own data, as `--demo` serves it, and the answers the operator questions should get.
struct DemoExpectations {
    let now = Date()
    let data: DemoTenantData

    init() {
        data = FakeData.demoTenant(now: now)
    }

    func minutesAgo(_ alert: JSONValue) -> Double {
        opsRampDate(alert["createdDate"]).map { now.timeIntervalSince($0) / 60 } ?? .infinity
    }

    /// Ids of the Critical alerts raised in the last hour.
    var criticalLastHour: Set<String> {
        Set(data.alerts.filter { $0["currentState"] == "Critical" && minutesAgo($0) < 60 }.compactMap { $0["uniqueId"]?.stringValue })
    }

    /// Open (not closed) alerts raised in the last 24 hours.
    var openToday: [JSONValue] {
        data.alerts.filter { $0["closed"] == false && minutesAgo($0) < 1440 }
    }

    /// Where the open Critical and Warning alerts of the last 24 hours are: the resource, else the device (RCA alerts).
    var devicesNeedingAttention: Set<String> {
        Set(
            openToday.filter { ["Critical", "Warning"].contains($0["currentState"]?.stringValue ?? "") }
                .compactMap { ($0["resource"]?["name"] ?? $0["device"]?["name"])?.stringValue })
    }

    var ec2Instances: [JSONValue] {
        data.resources.filter { $0["make"] == "AWS" && $0["nativeType"] == "EC2 Instance" }
    }

    var clientIDs: Set<String> { Set(data.clients.map(\.id)) }
}
