import Foundation
import OpsRampJSON

/// The tenant `opsramp-mcp-server --demo` serves: invented data in the real API's shapes.
public struct DemoTenantData: Sendable {
    /// A partner tenant (`msp_…`): its answers mix the alerts and resources of its clients.
    public let tenantID: String
    public let clients: [(id: String, name: String)]
    /// Full alert objects, newest first.
    public let alerts: [JSONValue]
    /// Full resource objects (each with its client's `clientId`).
    public let resources: [JSONValue]
    public let releaseVersion: JSONValue
}

extension FakeData {
    /// The demo tenant's id: a partner (`msp_…`).
    public static let demoTenantID = "msp_300100"

    /// The demo tenant, dated relative to `now` (the same `now` always gives the same data): a partner
    /// with four clients, 24 resources and 42 alerts over the last week, in every state (Critical,
    /// Warning, Info, Ok) and priority (P0-P5 and N/A), open, acknowledged, ticketed and closed, with
    /// RCA alerts (host only in `device`; `resource` null, `{}` or absent) and inference alerts
    /// (`resource` `{name, type: CLIENT}`, no `device`), as the real API has them (reference §14.1-2).
    ///
    /// What the operator questions find:
    /// - critical alerts in the last hour: 6 (ids 410001, 410002, 410004, 410007, 410009, 410011), all open,
    ///   one acknowledged, two of them RCA alerts, on four clients;
    /// - AWS EC2 instances: 7, of which ec2-shop-worker-01 and ec2-bluefin-track-02 are inactive and
    ///   ec2-shop-api-01 is active but DOWN (a failed status check);
    /// - devices needing attention today: 18 open Critical or Warning alerts in the last 24 hours, on 16 devices
    ///   (kestrel-esx-01 twice) and, for the inference alert, the client Kestrel Credit Union.
    public static func demoTenant(now: Date) -> DemoTenantData {
        let clients = demoClients.map { (id: $0.id, name: $0.name) }
        let resources = demoResources.map { demoResource($0, now: now) }
        let byName = Dictionary(demoResources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let alerts = demoAlerts.sorted { $0.minutesAgo < $1.minutesAgo }.enumerated().compactMap { offset, spec in
            demoAlert(spec, id: 410_001 + offset, host: byName[spec.host], now: now)
        }
        return DemoTenantData(
            tenantID: demoTenantID, clients: clients, alerts: alerts, resources: resources,
            releaseVersion: ["releaseVersion": "25.2.0", "patchVersion": "1"])
    }

    private struct DemoClient {
        let id: String, name: String, domain: String
    }

    private static let demoClients = [
        DemoClient(id: "client_300101", name: "Aster Retail", domain: ".aster.example"),
        DemoClient(id: "client_300102", name: "Cedar Health Clinics", domain: ".cedarhealth.example"),
        DemoClient(id: "client_300103", name: "Bluefin Logistics", domain: ".bluefin.example"),
        DemoClient(id: "client_300104", name: "Kestrel Credit Union", domain: ".kestrel.example"),
    ]

    private struct DemoResourceSpec {
        let number: Int, client: Int, name: String, ip: String, type: String, make: String, nativeType: String
        var state = "active"
        var agent = true
        var os = ""
        var status: String?
        var tags: [String: String] = [:]
        /// AWS instance id, for EC2 instances.
        var instanceID: String?
    }

    // Clients: 0 Aster Retail, 1 Cedar Health Clinics, 2 Bluefin Logistics, 3 Kestrel Credit Union.
    private static let demoResources: [DemoResourceSpec] = [
        DemoResourceSpec(
            number: 1, client: 0, name: "ec2-shop-web-01", ip: "172.31.4.11", type: "Linux", make: "AWS", nativeType: "EC2 Instance",
            os: "Amazon Linux 2023", tags: ["env": "prod", "region": "us-east-1"], instanceID: "i-0a4f1c2b3d4e5f601"),
        DemoResourceSpec(
            number: 2, client: 0, name: "ec2-shop-web-02", ip: "172.31.4.12", type: "Linux", make: "AWS", nativeType: "EC2 Instance",
            os: "Amazon Linux 2023", tags: ["env": "prod", "region": "us-east-1"], instanceID: "i-0a4f1c2b3d4e5f602"),
        DemoResourceSpec(
            number: 3, client: 0, name: "ec2-shop-api-01", ip: "172.31.8.21", type: "Linux", make: "AWS", nativeType: "EC2 Instance",
            os: "Amazon Linux 2023", status: "DOWN", tags: ["env": "prod", "region": "us-east-1"], instanceID: "i-0a4f1c2b3d4e5f603"),
        DemoResourceSpec(
            number: 4, client: 0, name: "ec2-shop-worker-01", ip: "172.31.12.31", type: "Linux", make: "AWS", nativeType: "EC2 Instance",
            state: "inactive", os: "Amazon Linux 2", tags: ["env": "batch", "region": "us-east-1"], instanceID: "i-0a4f1c2b3d4e5f604"),
        DemoResourceSpec(
            number: 5, client: 0, name: "aster-shop-alb", ip: "172.31.0.5", type: "Load Balancer", make: "AWS",
            nativeType: "Application Load Balancer", agent: false, tags: ["env": "prod", "region": "us-east-1"]),
        DemoResourceSpec(
            number: 6, client: 0, name: "aster-orders-db", ip: "172.31.16.40", type: "Database", make: "AWS",
            nativeType: "RDS Instance", agent: false, os: "PostgreSQL 16", tags: ["env": "prod", "region": "us-east-1"]),
        DemoResourceSpec(
            number: 7, client: 1, name: "cedar-dc-01", ip: "10.20.1.10", type: "Windows", make: "VMware, Inc.",
            nativeType: "Virtual Machine", os: "Windows Server 2022", tags: ["site": "main-campus"]),
        DemoResourceSpec(
            number: 8, client: 1, name: "cedar-ehr-app-01", ip: "10.20.2.21", type: "Windows", make: "VMware, Inc.",
            nativeType: "Virtual Machine", os: "Windows Server 2019", tags: ["app": "ehr", "site": "main-campus"]),
        DemoResourceSpec(
            number: 9, client: 1, name: "cedar-sql-01", ip: "10.20.2.30", type: "Windows", make: "HPE",
            nativeType: "Server", os: "Windows Server 2022", tags: ["app": "ehr", "role": "sql"]),
        DemoResourceSpec(
            number: 10, client: 1, name: "cedar-nas-01", ip: "10.20.3.40", type: "Storage", make: "NetApp",
            nativeType: "Storage Array", agent: false, os: "ONTAP 9.14", tags: ["site": "main-campus"]),
        DemoResourceSpec(
            number: 11, client: 1, name: "ec2-cedar-portal-01", ip: "172.31.40.11", type: "Linux", make: "AWS",
            nativeType: "EC2 Instance", os: "Ubuntu 22.04 LTS", tags: ["app": "patient-portal", "region": "us-west-2"],
            instanceID: "i-0c7d2e3f4a5b6c711"),
        DemoResourceSpec(
            number: 12, client: 2, name: "bluefin-core-sw-01", ip: "10.30.0.2", type: "Network Switch", make: "Cisco",
            nativeType: "Switch", agent: false, os: "Cisco IOS XE 17.9", tags: ["site": "hub-rotterdam"]),
        DemoResourceSpec(
            number: 13, client: 2, name: "bluefin-edge-fw-01", ip: "10.30.0.1", type: "Firewall", make: "Palo Alto Networks",
            nativeType: "Firewall", agent: false, os: "PAN-OS 11.1", tags: ["site": "hub-rotterdam"]),
        DemoResourceSpec(
            number: 14, client: 2, name: "bluefin-tms-app-01", ip: "10.30.2.11", type: "Linux", make: "Dell Inc.",
            nativeType: "Server", os: "Red Hat Enterprise Linux 9", tags: ["app": "tms"]),
        DemoResourceSpec(
            number: 15, client: 2, name: "bluefin-tms-db-01", ip: "10.30.2.20", type: "Linux", make: "Dell Inc.",
            nativeType: "Server", os: "Red Hat Enterprise Linux 9", tags: ["app": "tms", "role": "postgres"]),
        DemoResourceSpec(
            number: 16, client: 2, name: "ec2-bluefin-track-01", ip: "172.31.60.11", type: "Linux", make: "AWS",
            nativeType: "EC2 Instance", os: "Amazon Linux 2023", tags: ["app": "tracking", "region": "eu-west-1"],
            instanceID: "i-0e1f2a3b4c5d6e721"),
        DemoResourceSpec(
            number: 17, client: 2, name: "ec2-bluefin-track-02", ip: "172.31.60.12", type: "Linux", make: "AWS",
            nativeType: "EC2 Instance", state: "inactive", os: "Amazon Linux 2023",
            tags: ["app": "tracking", "region": "eu-west-1"], instanceID: "i-0e1f2a3b4c5d6e722"),
        DemoResourceSpec(
            number: 18, client: 3, name: "kestrel-web-01", ip: "10.40.1.11", type: "Linux", make: "HPE",
            nativeType: "Server", os: "Ubuntu 22.04 LTS", tags: ["tier": "web"]),
        DemoResourceSpec(
            number: 19, client: 3, name: "kestrel-web-02", ip: "10.40.1.12", type: "Linux", make: "HPE",
            nativeType: "Server", os: "Ubuntu 22.04 LTS", tags: ["tier": "web"]),
        DemoResourceSpec(
            number: 20, client: 3, name: "kestrel-core-db-01", ip: "10.40.2.20", type: "Linux", make: "HPE",
            nativeType: "Server", os: "Oracle Linux 8", tags: ["tier": "db"]),
        DemoResourceSpec(
            number: 21, client: 3, name: "kestrel-esx-01", ip: "10.40.9.5", type: "Hypervisor", make: "VMware, Inc.",
            nativeType: "ESXi Host", agent: false, os: "VMware ESXi 8.0", tags: ["cluster": "core"]),
        DemoResourceSpec(
            number: 22, client: 3, name: "kestrel-branch-rtr-01", ip: "10.41.0.1", type: "Network Router", make: "Cisco",
            nativeType: "Router", agent: false, os: "Cisco IOS XE 17.6", tags: ["site": "branch-07"]),
        DemoResourceSpec(
            number: 23, client: 3, name: "kestrel-vpn-01", ip: "10.40.0.9", type: "Linux", make: "Unknown",
            nativeType: "Server", state: "discovered", agent: false),
        DemoResourceSpec(
            number: 24, client: 3, name: "kestrel-hsm-01", ip: "10.40.2.50", type: "Other", make: "Thales",
            nativeType: "Hardware Security Module", agent: false, tags: ["tier": "db"]),
    ]

    private static func demoResource(_ spec: DemoResourceSpec, now: Date) -> JSONValue {
        let client = demoClients[spec.client]
        let digits = String(spec.number)
        let id = "3d0e7a52-8c1b-4f6e-9a70-" + String(repeating: "0", count: 12 - digits.count) + digits
        var object =
            resource(
                id: id, name: spec.name, hostName: spec.name + client.domain, ip: spec.ip, type: spec.type,
                make: spec.make, nativeType: spec.nativeType, state: spec.state, agentInstalled: spec.agent,
                dnsName: spec.name + client.domain, os: spec.os.isEmpty ? nil : spec.os, tags: spec.tags,
                tenantID: client.id, now: now
            ).objectValue ?? [:]
        object.setIfPresent("status", spec.status.map(JSONValue.string))
        object.setIfPresent("instanceId", spec.instanceID.map(JSONValue.string))
        object["client"] = ["uniqueId": .string(client.id), "name": .string(client.name)]
        return .object(object)
    }

    /// How an alert differs from a plain monitoring alert on its host.
    private enum DemoKind {
        case alert
        /// RCA: the host in `device` only; `resource` as given.
        case rca(MissingResource)
        /// Inference: `resource` is the client, no `device`.
        case inference
    }

    private struct DemoAlertSpec {
        let minutesAgo: Int, state: String, priority: String, subject: String
        /// A resource name, or for an inference alert, the client's index as text.
        let host: String
        let metric: String
        var kind = DemoKind.alert
        var closed = false
        var acknowledged = false
        var ticket: String?
        var alertType = "Monitoring"
    }

    private static func demoAlert(_ spec: DemoAlertSpec, id: Int, host: DemoResourceSpec?, now: Date) -> JSONValue? {
        let clientIndex = host?.client ?? Int(spec.host) ?? -1
        guard demoClients.indices.contains(clientIndex) else { return nil }
        let client = demoClients[clientIndex]
        let hostID = host.map { "3d0e7a52-8c1b-4f6e-9a70-" + String(repeating: "0", count: 12 - String($0.number).count) + String($0.number) }
        var object =
            alert(
                id: id, state: spec.state, priority: spec.priority, subject: spec.subject, createdMinutesAgo: spec.minutesAgo,
                resourceID: hostID ?? "", resourceName: host?.name ?? client.name, ip: host?.ip ?? "", closed: spec.closed,
                acknowledged: spec.acknowledged, metric: spec.metric, resourceType: host?.type ?? "CLIENT",
                alertType: spec.alertType, tenantID: client.id, tenantName: client.name, now: now
            ).objectValue ?? [:]
        if host?.make == "AWS" { object["app"] = "AWS CloudWatch" } else if host?.agent == false { object["app"] = "OpsRamp Gateway" }
        switch spec.kind {
        case .alert:
            break
        case .rca(let missing):
            object["eventType"] = "RCA"
            object["app"] = "OpsRamp RCA"
            switch missing {
            case .null: object["resource"] = .null
            case .empty: object["resource"] = [:]
            case .absent: object.removeValue(forKey: "resource")
            }
        case .inference:
            object["eventType"] = "INFERENCE"
            object["app"] = "OpsRamp AIOps"
            object["inferenceId"] = .int(id)
            object["resource"] = ["name": .string(client.name), "type": "CLIENT", "metaData": [:]]
            object.removeValue(forKey: "device")
        }
        if let ticket = spec.ticket {
            let created = now.addingTimeInterval(-Double(spec.minutesAgo) * 60)
            object["ticketed"] = true
            object["status"] = "Ticketed"
            object["incidentId"] = .string(ticket)
            var history = object["statusHistory"]?.objectValue ?? [:]
            history["ticketedBy"] = "servicedesk.integration"
            history["ticketedTime"] = .string(FakeDate.format(min(now, created.addingTimeInterval(3 * 60))))
            object["statusHistory"] = .object(history)
        }
        return .object(object)
    }

    /// No alert sits within five minutes of the one-hour or 24-hour edges, so a window's answer does not
    /// depend on a few seconds between the server's `now` and a test's.
    private static let demoAlerts: [DemoAlertSpec] = [
        // The last hour.
        DemoAlertSpec(
            minutesAgo: 2, state: "Critical", priority: "P0", subject: "Instance status check failed on ec2-shop-api-01",
            host: "ec2-shop-api-01", metric: "aws.ec2.status.check.failed"),
        DemoAlertSpec(
            minutesAgo: 6, state: "Critical", priority: "P1", subject: "RCA: checkout latency traced to aster-orders-db",
            host: "aster-orders-db", metric: "rca.correlation", kind: .rca(.null)),
        DemoAlertSpec(
            minutesAgo: 9, state: "Warning", priority: "P3", subject: "HTTP 5xx rate 4% on aster-shop-alb",
            host: "aster-shop-alb", metric: "aws.elb.http.5xx.rate"),
        DemoAlertSpec(
            minutesAgo: 14, state: "Critical", priority: "P1", subject: "Disk D: 97% full on cedar-sql-01",
            host: "cedar-sql-01", metric: "system.disk.utilization"),
        DemoAlertSpec(
            minutesAgo: 19, state: "Info", priority: "P5", subject: "Agent upgraded on cedar-ehr-app-01",
            host: "cedar-ehr-app-01", metric: "agent.status", alertType: "Agent"),
        DemoAlertSpec(
            minutesAgo: 23, state: "Warning", priority: "N/A", subject: "Inference: failed logins rising across Kestrel Credit Union",
            host: "3", metric: "inference.anomaly", kind: .inference),
        DemoAlertSpec(
            minutesAgo: 27, state: "Critical", priority: "P2", subject: "Interface Gi1/0/48 down on bluefin-core-sw-01",
            host: "bluefin-core-sw-01", metric: "network.interface.status"),
        DemoAlertSpec(
            minutesAgo: 33, state: "Ok", priority: "P5", subject: "CPU utilization back to normal on ec2-shop-web-02",
            host: "ec2-shop-web-02", metric: "system.cpu.utilization", closed: true),
        DemoAlertSpec(
            minutesAgo: 38, state: "Critical", priority: "P1", subject: "Oracle listener not responding on kestrel-core-db-01",
            host: "kestrel-core-db-01", metric: "oracle.listener.status", acknowledged: true),
        DemoAlertSpec(
            minutesAgo: 44, state: "Warning", priority: "P2", subject: "Memory utilization 88% on kestrel-esx-01",
            host: "kestrel-esx-01", metric: "vmware.host.memory.utilization"),
        DemoAlertSpec(
            minutesAgo: 49, state: "Critical", priority: "P2", subject: "RCA: branch-07 outage traced to kestrel-branch-rtr-01",
            host: "kestrel-branch-rtr-01", metric: "rca.correlation", kind: .rca(.empty)),
        // Earlier today.
        DemoAlertSpec(
            minutesAgo: 75, state: "Warning", priority: "P3", subject: "CPU credit balance low on ec2-shop-web-01",
            host: "ec2-shop-web-01", metric: "aws.ec2.cpu.credit.balance"),
        DemoAlertSpec(
            minutesAgo: 90, state: "Critical", priority: "P1", subject: "Service EHRInterface stopped on cedar-ehr-app-01",
            host: "cedar-ehr-app-01", metric: "windows.service.status", ticket: "INC0041207"),
        DemoAlertSpec(
            minutesAgo: 110, state: "Info", priority: "P4", subject: "Configuration saved on bluefin-core-sw-01",
            host: "bluefin-core-sw-01", metric: "network.config.change", closed: true),
        DemoAlertSpec(
            minutesAgo: 140, state: "Critical", priority: "P0", subject: "Host unreachable: ec2-bluefin-track-02",
            host: "ec2-bluefin-track-02", metric: "ping.availability", closed: true),
        DemoAlertSpec(
            minutesAgo: 170, state: "Warning", priority: "P3", subject: "Replication lag 40 s on bluefin-tms-db-01",
            host: "bluefin-tms-db-01", metric: "postgresql.replication.lag"),
        DemoAlertSpec(
            minutesAgo: 200, state: "Ok", priority: "N/A", subject: "Nightly backup completed on cedar-nas-01",
            host: "cedar-nas-01", metric: "backup.job.status", closed: true),
        DemoAlertSpec(
            minutesAgo: 240, state: "Critical", priority: "P1", subject: "Disk latency 140 ms on cedar-nas-01",
            host: "cedar-nas-01", metric: "storage.latency", acknowledged: true),
        DemoAlertSpec(
            minutesAgo: 300, state: "Warning", priority: "P4", subject: "Certificate expires in 10 days on kestrel-web-01",
            host: "kestrel-web-01", metric: "ssl.certificate.expiry"),
        DemoAlertSpec(
            minutesAgo: 360, state: "Info", priority: "P5", subject: "Patch window started on cedar-dc-01",
            host: "cedar-dc-01", metric: "patch.status", closed: true, alertType: "Maintenance"),
        DemoAlertSpec(
            minutesAgo: 420, state: "Critical", priority: "P2", subject: "Fan 3 failure on kestrel-esx-01",
            host: "kestrel-esx-01", metric: "hardware.fan.status"),
        DemoAlertSpec(
            minutesAgo: 500, state: "Warning", priority: "P2", subject: "RCA: tracking API slowdown traced to ec2-bluefin-track-01",
            host: "ec2-bluefin-track-01", metric: "rca.correlation", kind: .rca(.absent)),
        DemoAlertSpec(
            minutesAgo: 600, state: "Ok", priority: "P3", subject: "Interface Gi1/0/12 errors cleared on bluefin-core-sw-01",
            host: "bluefin-core-sw-01", metric: "network.interface.errors", closed: true),
        DemoAlertSpec(
            minutesAgo: 720, state: "Warning", priority: "P3", subject: "Swap usage 80% on kestrel-web-02",
            host: "kestrel-web-02", metric: "system.swap.utilization"),
        DemoAlertSpec(
            minutesAgo: 840, state: "Critical", priority: "P1", subject: "Database connections at 97% of max on bluefin-tms-db-01",
            host: "bluefin-tms-db-01", metric: "postgresql.connections", closed: true),
        DemoAlertSpec(
            minutesAgo: 960, state: "Info", priority: "N/A", subject: "New device discovered: kestrel-vpn-01",
            host: "kestrel-vpn-01", metric: "discovery.status"),
        DemoAlertSpec(
            minutesAgo: 1100, state: "Warning", priority: "P4", subject: "NTP offset 300 ms on cedar-dc-01",
            host: "cedar-dc-01", metric: "ntp.offset"),
        DemoAlertSpec(
            minutesAgo: 1250, state: "Critical", priority: "P1", subject: "Memory utilization 96% on ec2-cedar-portal-01",
            host: "ec2-cedar-portal-01", metric: "system.memory.utilization", closed: true),
        // The days before.
        DemoAlertSpec(
            minutesAgo: 1600, state: "Critical", priority: "P0", subject: "Power supply 2 failed on cedar-nas-01",
            host: "cedar-nas-01", metric: "hardware.psu.status", closed: true),
        DemoAlertSpec(
            minutesAgo: 1900, state: "Warning", priority: "P3", subject: "Memory utilization 85% on ec2-shop-worker-01",
            host: "ec2-shop-worker-01", metric: "system.memory.utilization", closed: true),
        DemoAlertSpec(
            minutesAgo: 2300, state: "Info", priority: "P5", subject: "Agent restarted on bluefin-tms-app-01",
            host: "bluefin-tms-app-01", metric: "agent.status", closed: true, alertType: "Agent"),
        DemoAlertSpec(
            minutesAgo: 2800, state: "Warning", priority: "P3", subject: "Instance stopped: ec2-shop-worker-01",
            host: "ec2-shop-worker-01", metric: "aws.ec2.instance.state"),
        DemoAlertSpec(
            minutesAgo: 3300, state: "Ok", priority: "P4", subject: "Disk usage normal on kestrel-web-01",
            host: "kestrel-web-01", metric: "system.disk.utilization", closed: true),
        DemoAlertSpec(
            minutesAgo: 3900, state: "Critical", priority: "P2", subject: "Link flapping on kestrel-branch-rtr-01 Gi0/1",
            host: "kestrel-branch-rtr-01", metric: "network.interface.status", closed: true),
        DemoAlertSpec(
            minutesAgo: 4500, state: "Warning", priority: "N/A", subject: "Backup job failed on cedar-sql-01",
            host: "cedar-sql-01", metric: "backup.job.status"),
        DemoAlertSpec(
            minutesAgo: 5200, state: "Critical", priority: "P1", subject: "TLS handshake failures on aster-shop-alb",
            host: "aster-shop-alb", metric: "aws.elb.tls.negotiation.errors", closed: true),
        DemoAlertSpec(
            minutesAgo: 6000, state: "Info", priority: "P5", subject: "Snapshot created on cedar-nas-01",
            host: "cedar-nas-01", metric: "storage.snapshot", closed: true),
        DemoAlertSpec(
            minutesAgo: 6800, state: "Warning", priority: "P3", subject: "High CPU on bluefin-tms-app-01",
            host: "bluefin-tms-app-01", metric: "system.cpu.utilization", closed: true),
        DemoAlertSpec(
            minutesAgo: 7600, state: "Critical", priority: "P0", subject: "Core database unreachable: kestrel-core-db-01",
            host: "kestrel-core-db-01", metric: "ping.availability", closed: true),
        DemoAlertSpec(
            minutesAgo: 8400, state: "Ok", priority: "P5", subject: "Ping latency normal on bluefin-edge-fw-01",
            host: "bluefin-edge-fw-01", metric: "network.ping.rtt", closed: true),
        DemoAlertSpec(
            minutesAgo: 9200, state: "Warning", priority: "P4", subject: "Event log errors on cedar-dc-01",
            host: "cedar-dc-01", metric: "windows.eventlog.errors", closed: true),
        DemoAlertSpec(
            minutesAgo: 9900, state: "Critical", priority: "P2", subject: "Shipment queue depth 50000 on bluefin-tms-app-01",
            host: "bluefin-tms-app-01", metric: "rabbitmq.queue.depth", closed: true),
    ]
}
