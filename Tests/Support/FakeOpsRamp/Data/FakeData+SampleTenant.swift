import Foundation
import OpsRampJSON

extension FakeData {
    /// A realistic small tenant, dated relative to `now`: 12 resources (4 AWS EC2 instances, two of
    /// them inactive; Linux and Windows servers; a Cisco switch; a NetApp array; a discovered host)
    /// and 40 alerts, newest first. It answers the demo questions unambiguously:
    /// - critical alerts in the last hour: exactly 5, all open (ids 100040, 100038, 100036, 100034, 100032);
    /// - AWS EC2 instances: ec2-api-01 and ec2-api-02 active, ec2-batch-01 and ec2-legacy-01 inactive;
    /// - devices needing attention today: open Critical alerts in the last 24 hours are on web-prod-01,
    ///   db-prod-01, ec2-api-02, core-switch-01, win-file-01 and nas-01 (8 alerts, 2 of them acknowledged).
    public static func sampleTenant(now: Date) -> (alerts: [JSONValue], resources: [JSONValue]) {
        let resources = sampleResources.map { spec in
            resource(
                id: spec.id, name: spec.name, hostName: spec.name + spec.domain, ip: spec.ip, type: spec.type,
                make: spec.make, nativeType: spec.nativeType, state: spec.state,
                agentInstalled: spec.agent, dnsName: spec.name + spec.domain, os: spec.os,
                tags: spec.tags, now: now)
        }
        let sorted = sampleAlerts.sorted { $0.minutesAgo < $1.minutesAgo }
        let alerts = sorted.enumerated().map { offset, spec in
            let target = sampleResources[spec.resource]
            return alert(
                id: 100_040 - offset, state: spec.state, priority: spec.priority, subject: spec.subject,
                createdMinutesAgo: spec.minutesAgo, resourceID: target.id, resourceName: target.name,
                ip: target.ip, closed: spec.closed, acknowledged: spec.acknowledged, metric: spec.metric,
                resourceType: target.type, now: now)
        }
        return (alerts, resources)
    }

    private struct ResourceSpec {
        let id: String, name: String, domain: String, ip: String, type: String, make: String
        let nativeType: String, state: String, agent: Bool, os: String, tags: [String: String]
    }

    private struct AlertSpec {
        let minutesAgo: Int, state: String, priority: String, subject: String, resource: Int, metric: String
        var closed = false
        var acknowledged = false
    }

    private static func uuid(_ number: Int) -> String {
        let digits = String(number)
        return "6f1c2a10-5b7e-4c3e-9a11-" + String(repeating: "0", count: 12 - digits.count) + digits
    }

    private static let sampleResources: [ResourceSpec] = [
        ResourceSpec(
            id: uuid(1), name: "web-prod-01", domain: ".acme.local", ip: "10.0.1.11", type: "Linux", make: "Dell Inc.",
            nativeType: "Server", state: "active", agent: true, os: "Ubuntu 22.04 LTS", tags: ["env": "prod", "tier": "web"]),
        ResourceSpec(
            id: uuid(2), name: "web-prod-02", domain: ".acme.local", ip: "10.0.1.12", type: "Linux", make: "Dell Inc.",
            nativeType: "Server", state: "active", agent: true, os: "Ubuntu 22.04 LTS", tags: ["env": "prod", "tier": "web"]),
        ResourceSpec(
            id: uuid(3), name: "db-prod-01", domain: ".acme.local", ip: "10.0.2.21", type: "Linux", make: "HPE",
            nativeType: "Server", state: "active", agent: true, os: "Red Hat Enterprise Linux 9", tags: ["env": "prod", "tier": "db"]),
        ResourceSpec(
            id: uuid(4), name: "win-ad-01", domain: ".acme.local", ip: "10.0.3.31", type: "Windows", make: "VMware, Inc.",
            nativeType: "Virtual Machine", state: "active", agent: true, os: "Windows Server 2022", tags: ["env": "prod"]),
        ResourceSpec(
            id: uuid(5), name: "win-file-01", domain: ".acme.local", ip: "10.0.3.32", type: "Windows", make: "VMware, Inc.",
            nativeType: "Virtual Machine", state: "active", agent: true, os: "Windows Server 2019", tags: ["env": "prod"]),
        ResourceSpec(
            id: uuid(6), name: "core-switch-01", domain: ".acme.local", ip: "10.0.0.2", type: "Network Switch", make: "Cisco",
            nativeType: "Switch", state: "active", agent: false, os: "Cisco IOS XE 17.9", tags: ["site": "dc1"]),
        ResourceSpec(
            id: uuid(7), name: "ec2-api-01", domain: ".ec2.internal", ip: "172.31.10.5", type: "Linux", make: "AWS",
            nativeType: "EC2 Instance", state: "active", agent: true, os: "Amazon Linux 2023", tags: ["env": "prod", "cloud": "aws"]),
        ResourceSpec(
            id: uuid(8), name: "ec2-api-02", domain: ".ec2.internal", ip: "172.31.10.6", type: "Linux", make: "AWS",
            nativeType: "EC2 Instance", state: "active", agent: true, os: "Amazon Linux 2023", tags: ["env": "prod", "cloud": "aws"]),
        ResourceSpec(
            id: uuid(9), name: "ec2-batch-01", domain: ".ec2.internal", ip: "172.31.20.7", type: "Linux", make: "AWS",
            nativeType: "EC2 Instance", state: "inactive", agent: true, os: "Amazon Linux 2", tags: ["env": "batch", "cloud": "aws"]),
        ResourceSpec(
            id: uuid(10), name: "ec2-legacy-01", domain: ".ec2.internal", ip: "172.31.30.8", type: "Windows", make: "AWS",
            nativeType: "EC2 Instance", state: "inactive", agent: false, os: "Windows Server 2016", tags: ["cloud": "aws"]),
        ResourceSpec(
            id: uuid(11), name: "app-stage-01", domain: ".acme.local", ip: "10.0.4.41", type: "Linux", make: "VMware, Inc.",
            nativeType: "Virtual Machine", state: "discovered", agent: false, os: "Debian 12", tags: ["env": "stage"]),
        ResourceSpec(
            id: uuid(12), name: "nas-01", domain: ".acme.local", ip: "10.0.5.51", type: "Storage", make: "NetApp",
            nativeType: "Storage Array", state: "active", agent: false, os: "ONTAP 9.14", tags: ["site": "dc1"]),
    ]

    // Resource indexes: 0 web-prod-01, 1 web-prod-02, 2 db-prod-01, 3 win-ad-01, 4 win-file-01, 5 core-switch-01,
    // 6 ec2-api-01, 7 ec2-api-02, 8 ec2-batch-01, 9 ec2-legacy-01, 10 app-stage-01, 11 nas-01.
    private static let sampleAlerts: [AlertSpec] = [
        // The last hour: five open Critical alerts, and some lesser ones.
        AlertSpec(
            minutesAgo: 3, state: "Critical", priority: "P1", subject: "CPU utilization 97% on web-prod-01", resource: 0,
            metric: "system.cpu.utilization"),
        AlertSpec(
            minutesAgo: 8, state: "Warning", priority: "P3", subject: "HTTP response time 2.1 s on web-prod-02", resource: 1,
            metric: "http.response.time"),
        AlertSpec(
            minutesAgo: 12, state: "Critical", priority: "P1", subject: "Disk /var 98% full on db-prod-01", resource: 2,
            metric: "system.disk.utilization"),
        AlertSpec(
            minutesAgo: 17, state: "Warning", priority: "P3", subject: "Replication lag 45 s on db-prod-01", resource: 2,
            metric: "mysql.replication.lag"),
        AlertSpec(
            minutesAgo: 24, state: "Critical", priority: "P0", subject: "Instance status check failed on ec2-api-02", resource: 7,
            metric: "aws.ec2.status.check.failed"),
        AlertSpec(minutesAgo: 29, state: "Info", priority: "P5", subject: "Agent restarted on win-ad-01", resource: 3, metric: "agent.status"),
        AlertSpec(
            minutesAgo: 38, state: "Critical", priority: "P2", subject: "Interface Gi1/0/24 down on core-switch-01", resource: 5,
            metric: "network.interface.status"),
        AlertSpec(
            minutesAgo: 44, state: "Warning", priority: "P3", subject: "CPU credit balance low on ec2-api-01", resource: 6,
            metric: "aws.ec2.cpu.credit.balance"),
        AlertSpec(
            minutesAgo: 52, state: "Critical", priority: "P1", subject: "Memory utilization 95% on win-file-01", resource: 4,
            metric: "system.memory.utilization"),
        AlertSpec(
            minutesAgo: 57, state: "Ok", priority: "P5", subject: "Ping latency back to normal on nas-01", resource: 11, metric: "network.ping.rtt",
            closed: true),
        // Earlier today.
        AlertSpec(
            minutesAgo: 75, state: "Critical", priority: "P1", subject: "Disk latency 120 ms on nas-01", resource: 11, metric: "storage.latency",
            acknowledged: true),
        AlertSpec(
            minutesAgo: 95, state: "Warning", priority: "P2", subject: "Swap usage 80% on web-prod-01", resource: 0, metric: "system.swap.utilization"
        ),
        AlertSpec(
            minutesAgo: 130, state: "Critical", priority: "P1", subject: "Service W32Time stopped on win-ad-01", resource: 3,
            metric: "windows.service.status", closed: true),
        AlertSpec(
            minutesAgo: 180, state: "Warning", priority: "P3", subject: "Certificate expires in 14 days on web-prod-02", resource: 1,
            metric: "ssl.certificate.expiry"),
        AlertSpec(
            minutesAgo: 240, state: "Critical", priority: "P0", subject: "Host unreachable: ec2-batch-01", resource: 8, metric: "ping.availability",
            closed: true),
        AlertSpec(
            minutesAgo: 300, state: "Info", priority: "P5", subject: "Patch window started on win-file-01", resource: 4, metric: "patch.status",
            closed: true),
        AlertSpec(
            minutesAgo: 420, state: "Warning", priority: "P3", subject: "High inbound errors on core-switch-01 Gi1/0/12", resource: 5,
            metric: "network.interface.errors"),
        AlertSpec(
            minutesAgo: 480, state: "Ok", priority: "P5", subject: "Interface errors cleared on core-switch-01 Gi1/0/7", resource: 5,
            metric: "network.interface.errors", closed: true),
        AlertSpec(
            minutesAgo: 600, state: "Critical", priority: "P1", subject: "Database connections at 98% of max on db-prod-01", resource: 2,
            metric: "mysql.connections", acknowledged: true),
        AlertSpec(
            minutesAgo: 720, state: "Ok", priority: "P5", subject: "CPU utilization normal on ec2-api-01", resource: 6,
            metric: "system.cpu.utilization", closed: true),
        AlertSpec(minutesAgo: 900, state: "Warning", priority: "P4", subject: "NTP offset 250 ms on win-ad-01", resource: 3, metric: "ntp.offset"),
        AlertSpec(
            minutesAgo: 1100, state: "Critical", priority: "P2", subject: "Fan 2 failure on db-prod-01", resource: 2, metric: "hardware.fan.status"),
        AlertSpec(
            minutesAgo: 1300, state: "Info", priority: "P5", subject: "Configuration changed on core-switch-01", resource: 5,
            metric: "network.config.change", closed: true),
        // Older than a day.
        AlertSpec(
            minutesAgo: 1600, state: "Critical", priority: "P1", subject: "Disk / 96% full on web-prod-02", resource: 1,
            metric: "system.disk.utilization", closed: true),
        AlertSpec(
            minutesAgo: 2000, state: "Warning", priority: "P3", subject: "Memory utilization 85% on ec2-api-02", resource: 7,
            metric: "system.memory.utilization"),
        AlertSpec(
            minutesAgo: 2900, state: "Critical", priority: "P0", subject: "Power supply 1 failed on nas-01", resource: 11,
            metric: "hardware.psu.status", closed: true),
        AlertSpec(
            minutesAgo: 3500, state: "Warning", priority: "P3", subject: "Backup job failed on win-file-01", resource: 4, metric: "backup.job.status"),
        AlertSpec(
            minutesAgo: 4300, state: "Info", priority: "P5", subject: "Agent upgraded on web-prod-01", resource: 0, metric: "agent.status",
            closed: true),
        AlertSpec(
            minutesAgo: 5000, state: "Critical", priority: "P1", subject: "Instance stopped: ec2-legacy-01", resource: 9,
            metric: "aws.ec2.instance.state", closed: true),
        AlertSpec(
            minutesAgo: 5800, state: "Warning", priority: "P4", subject: "Slow query rate high on db-prod-01", resource: 2,
            metric: "mysql.slow.queries", closed: true),
        AlertSpec(
            minutesAgo: 7200, state: "Critical", priority: "P2", subject: "Link flapping on core-switch-01 Gi1/0/3", resource: 5,
            metric: "network.interface.status", closed: true),
        AlertSpec(
            minutesAgo: 8600, state: "Ok", priority: "P5", subject: "Disk / usage normal on web-prod-02", resource: 1,
            metric: "system.disk.utilization", closed: true),
        AlertSpec(
            minutesAgo: 10_000, state: "Warning", priority: "P3", subject: "High CPU on app-stage-01", resource: 10, metric: "system.cpu.utilization"),
        AlertSpec(
            minutesAgo: 11_500, state: "Info", priority: "P5", subject: "Discovery completed on app-stage-01", resource: 10,
            metric: "discovery.status", closed: true),
        AlertSpec(
            minutesAgo: 13_000, state: "Critical", priority: "P1", subject: "RAID array degraded on db-prod-01", resource: 2,
            metric: "hardware.raid.status", closed: true),
        AlertSpec(
            minutesAgo: 14_400, state: "Warning", priority: "P3", subject: "Swap usage 75% on web-prod-01", resource: 0,
            metric: "system.swap.utilization", closed: true),
        AlertSpec(
            minutesAgo: 17_000, state: "Critical", priority: "P1", subject: "Host unreachable: ec2-batch-01", resource: 8,
            metric: "ping.availability", closed: true),
        AlertSpec(
            minutesAgo: 20_000, state: "Warning", priority: "P4", subject: "Event log errors on win-ad-01", resource: 3,
            metric: "windows.eventlog.errors", closed: true),
        AlertSpec(
            minutesAgo: 25_000, state: "Info", priority: "P5", subject: "Snapshot created on nas-01", resource: 11, metric: "storage.snapshot",
            closed: true),
        AlertSpec(
            minutesAgo: 30_000, state: "Critical", priority: "P2", subject: "SSH service down on web-prod-01", resource: 0,
            metric: "service.ssh.status", closed: true),
    ]
}
