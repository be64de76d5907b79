import Foundation
import OpsRampJSON

extension FakeData {
    /// A larger tenant for "which devices need attention?": `attentionDevices` devices (65 by default)
    /// each with one to four open (not closed) Critical or Warning alerts, some acknowledged, with every
    /// priority including none (`N/A`); and 45 devices that must not be listed: 15 with open Info or
    /// Ok alerts only, 15 whose Critical and Warning alerts are all closed, 15 whose open Critical
    /// alerts are older than a day. Linux, Windows, switch, EC2 and storage devices alternate.
    ///
    /// Alert times are spread over the last hours but never before midnight UTC, so a `today` window
    /// (in UTC) and a `24h` window see the same alerts whatever the time of day. Alerts are newest first.
    public static func attentionTenant(now: Date, attentionDevices: Int = 65) -> (alerts: [JSONValue], resources: [JSONValue]) {
        let secondsToday = Int(now.timeIntervalSince1970) % 86_400
        // Minutes back an alert may be while still today (UTC), at most ten hours.
        let span = max(1, min(600, secondsToday / 60 - 1))
        var specs: [(minutesAgo: Int, state: String, priority: String, subject: String, device: Int, closed: Bool, acknowledged: Bool)] = []
        var devices: [AttentionDevice] = []

        for index in 0..<(attentionDevices + 45) {
            let device = AttentionDevice(index: index)
            devices.append(device)
            switch index {
            case 0..<attentionDevices:
                for alert in 0..<(1 + index % 4) {
                    specs.append(
                        (
                            (index * 7 + alert * 13) % span, (index + alert) % 3 == 0 ? "Critical" : "Warning",
                            priorities[(index * 3 + alert * 5) % priorities.count], device.subject(alert), index, false,
                            alert == 1 && index % 5 == 0
                        ))
                }
            case attentionDevices..<(attentionDevices + 15):
                specs.append(((index * 11) % span, index % 2 == 0 ? "Info" : "Ok", "P5", device.subject(index), index, false, false))
            case (attentionDevices + 15)..<(attentionDevices + 30):
                specs.append(((index * 5) % span, index % 2 == 0 ? "Critical" : "Warning", "P1", device.subject(index), index, true, false))
            default:
                specs.append((1_500 + index * 20, "Critical", "P0", device.subject(index), index, false, false))
            }
        }
        let sorted = specs.enumerated().sorted { ($0.element.minutesAgo, $0.offset) < ($1.element.minutesAgo, $1.offset) }.map(\.element)
        let alerts = sorted.enumerated().map { offset, spec in
            let device = devices[spec.device]
            return alert(
                id: 800_000 + sorted.count - offset, state: spec.state, priority: spec.priority, subject: spec.subject,
                createdMinutesAgo: spec.minutesAgo, resourceID: device.id, resourceName: device.name, ip: device.ip,
                closed: spec.closed, acknowledged: spec.acknowledged, metric: device.kind.metric,
                resourceType: device.kind.type, now: now)
        }
        let resources = devices.map { device in
            resource(
                id: device.id, name: device.name, hostName: device.name + ".corp.example", ip: device.ip, type: device.kind.type,
                make: device.kind.make, nativeType: device.kind.nativeType, os: device.kind.os, now: now)
        }
        return (alerts, resources)
    }

    private static let priorities = ["P0", "P1", "P2", "P3", "P4", "P5", "N/A"]

    private struct DeviceKind {
        let prefix: String, type: String, make: String, nativeType: String, os: String, metric: String
    }

    private static let deviceKinds = [
        DeviceKind(
            prefix: "app-prod", type: "Linux", make: "Dell Inc.", nativeType: "Server", os: "Ubuntu 22.04 LTS",
            metric: "system.cpu.utilization"),
        DeviceKind(
            prefix: "win-srv", type: "Windows", make: "VMware, Inc.", nativeType: "Virtual Machine", os: "Windows Server 2022",
            metric: "system.memory.utilization"),
        DeviceKind(
            prefix: "sw-edge", type: "Network Switch", make: "Cisco", nativeType: "Switch", os: "Cisco IOS XE 17.9",
            metric: "network.interface.status"),
        DeviceKind(
            prefix: "ec2-svc", type: "Linux", make: "AWS", nativeType: "EC2 Instance", os: "Amazon Linux 2023",
            metric: "aws.ec2.status.check.failed"),
        DeviceKind(
            prefix: "db-prod", type: "Linux", make: "HPE", nativeType: "Server", os: "Red Hat Enterprise Linux 9",
            metric: "system.disk.utilization"),
        DeviceKind(
            prefix: "nas", type: "Storage", make: "NetApp", nativeType: "Storage Array", os: "ONTAP 9.14",
            metric: "storage.latency"),
    ]

    private struct AttentionDevice {
        let index: Int
        var kind: DeviceKind { FakeData.deviceKinds[index % FakeData.deviceKinds.count] }
        var name: String { kind.prefix + "-" + String(format: "%03d", index + 1) }
        var id: String { "7a2d9e40-1c3b-4f5a-8e6d-" + String(format: "%012d", index + 1) }
        var ip: String { "10.30.\(index / 200).\(index % 200 + 10)" }

        /// A subject such as monitoring raises for this kind of device.
        func subject(_ number: Int) -> String {
            let subjects = [
                "CPU utilization \(90 + number % 10)% on \(name)",
                "Disk /var \(91 + number % 8)% full on \(name)",
                "Memory utilization \(88 + number % 11)% on \(name)",
                "Service nginx stopped on \(name)",
                "Interface Gi1/0/\(number % 48 + 1) down on \(name)",
                "Ping latency \(200 + number * 10) ms to \(name)",
            ]
            return subjects[(index + number) % subjects.count]
        }
    }
}
