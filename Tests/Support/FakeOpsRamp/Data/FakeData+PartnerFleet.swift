import Foundation
import OpsRampJSON

extension FakeData {
    /// A partner's fleet, as an MSP tenant (`msp_900`) sees it across three clients.
    public struct PartnerFleet: Sendable {
        public let tenantID: String
        public let clients: [(id: String, name: String)]
        public let resources: [JSONValue]
        /// Newest first.
        public let alerts: [JSONValue]
        /// The ids of the AWS EC2 instances, whatever their OS or state.
        public let ec2IDs: [String]
    }

    /// Three clients' resources and alerts, with the traps of a real partner tenant:
    /// - six AWS EC2 instances (make `AWS`, nativeType `EC2 Instance`) of two clients, whose OS is
    ///   Amazon Linux, Ubuntu or Windows Server (so "Amazon" or "server" matches only some of them),
    ///   one inactive, one without a `clientId` of its own (its alerts name the client);
    /// - AWS resources that are not EC2 instances (an S3 bucket, an RDS instance), a Windows Server VM
    ///   that is not on AWS, and a Dell server named `ec2-bastion`;
    /// - `web-01` at two clients (two resources, two ids), and inference alerts with no resource id on
    ///   `checkout-service` at two clients;
    /// - open Critical and Warning alerts on all of these, an Info and an Ok alert, a closed alert.
    public static func partnerFleet(now: Date) -> PartnerFleet {
        let clients = [(id: "client_11", name: "Acme Retail"), (id: "client_22", name: "Globex Bank"), (id: "client_33", name: "Initech")]
        func id(_ number: Int) -> String { "8c1e\(String(format: "%04d", number))-aa00-4b7e-9c1d-\(String(format: "%012d", number))" }
        var resources: [JSONValue] = []
        func add(
            _ number: Int, _ name: String, client: Int, make: String, nativeType: String, type: String, os: String,
            state: String = "active"
        ) -> (id: String, name: String, client: Int) {
            resources.append(
                resource(
                    id: id(number), name: name, hostName: name + ".corp.example", ip: "10.20.0.\(number)", type: type,
                    make: make, nativeType: nativeType, state: state, os: os, tenantID: clients[client].id, now: now))
            return (id(number), name, client)
        }
        let ec2 = [
            ("Amazon Linux 2023", "active"), ("Amazon Linux 2023", "active"), ("Windows Server 2022", "inactive"),
            ("Ubuntu 22.04", "active"), ("Amazon Linux 2", "active"), ("Windows Server 2019", "active"),
        ].enumerated().map { index, spec in
            add(
                100 + index, "i-0\(index)a1b2c3d4e5f6", client: index % 2, make: "AWS", nativeType: "EC2 Instance",
                type: spec.0.hasPrefix("Windows") ? "Windows" : "Linux", os: spec.0, state: spec.1)
        }
        // One instance says nothing of its client: its alerts do.
        if case .object(var first) = resources[0] {
            first["clientId"] = nil
            resources[0] = .object(first)
        }
        _ = add(120, "s3-logs-bucket", client: 0, make: "AWS", nativeType: "S3 Bucket", type: "Other", os: "")
        _ = add(121, "rds-orders", client: 2, make: "AWS", nativeType: "RDS Instance", type: "Other", os: "")
        _ = add(122, "win-file-01", client: 1, make: "VMware, Inc.", nativeType: "Virtual Machine", type: "Windows", os: "Windows Server 2022")
        let bastion = add(123, "ec2-bastion", client: 1, make: "Dell Inc.", nativeType: "Server", type: "Linux", os: "Ubuntu 22.04")
        let webA = add(1, "web-01", client: 0, make: "Dell Inc.", nativeType: "Server", type: "Linux", os: "Ubuntu 22.04")
        let webB = add(2, "web-01", client: 1, make: "Dell Inc.", nativeType: "Server", type: "Linux", os: "Ubuntu 22.04")
        let db = add(3, "db-01", client: 2, make: "HPE", nativeType: "Server", type: "Linux", os: "Red Hat Enterprise Linux 9")

        var specs: [(minutes: Int, state: String, priority: String, subject: String, on: (id: String, name: String, client: Int), closed: Bool)] = [
            (3, "Critical", "P0", "CPU utilization 99% on web-01", webA, false),
            (5, "Critical", "P1", "Disk / 97% full on web-01", webA, false),
            (7, "Warning", "P3", "Swap usage 80% on web-01", webA, false),
            (9, "Critical", "P1", "Service nginx stopped on web-01", webB, false),
            (11, "Warning", "P2", "Replication lag on db-01", db, false),
            (14, "Critical", "P1", "EC2 status check failed", ec2[0], false),
            (18, "Warning", "P3", "CPU credit balance low", ec2[0], false),
            (21, "Info", "P4", "Agent restarted", ec2[1], false),
            (25, "Critical", "P2", "Instance unreachable", ec2[3], true),
            (28, "Ok", "P5", "Ping back to normal", ec2[5], false),
            (33, "Warning", "P2", "Memory 88% on ec2-bastion", bastion, false),
        ]
        specs.sort { $0.minutes < $1.minutes }
        var alerts = specs.enumerated().map { offset, spec in
            alert(
                id: 910_000 + offset, state: spec.state, priority: spec.priority, subject: spec.subject, createdMinutesAgo: spec.minutes,
                resourceID: spec.on.id, resourceName: spec.on.name, ip: "10.20.0.1", closed: spec.closed,
                tenantID: clients[spec.on.client].id, tenantName: clients[spec.on.client].name, now: now)
        }
        // Inference alerts: a resource of the same name at two clients, named only by name.
        for (index, client) in clients.prefix(2).enumerated() {
            guard
                case .object(var object) = inferenceAlert(
                    id: 920_000 + index, subject: "Inference: checkout degraded",
                    clientName: "checkout-service", createdMinutesAgo: 12 + index, now: now)
            else { continue }
            object["currentState"] = "Critical"
            object["priority"] = "P1"
            object["clientUniqueId"] = .string(client.id)
            object["tenantName"] = .string(client.name)
            alerts.append(.object(object))
        }
        alerts.sort { ($0["createdDate"]?.stringValue ?? "") > ($1["createdDate"]?.stringValue ?? "") }
        return PartnerFleet(tenantID: "msp_900", clients: clients, resources: resources, alerts: alerts, ec2IDs: ec2.map(\.id))
    }
}
