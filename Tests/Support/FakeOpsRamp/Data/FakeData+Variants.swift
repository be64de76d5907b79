import Foundation
import OpsRampJSON

extension FakeData {
    /// How an RCA alert carries (or fails to carry) its `resource` (reference §14.2).
    public enum MissingResource: Sendable, CaseIterable {
        /// `"resource": null`.
        case null
        /// `"resource": {}`.
        case empty
        /// No `resource` member at all.
        case absent
    }

    /// An RCA alert: the host is named only in `device` (id, name, IP), `eventType` is `RCA`.
    public static func rcaAlert(
        id: Int, state: String = "Critical", subject: String, createdMinutesAgo: Int,
        deviceID: String, deviceName: String, ip: String, resource: MissingResource,
        now: Date = Date()
    ) -> JSONValue {
        var object =
            alert(
                id: id, state: state, priority: "P1", subject: subject, createdMinutesAgo: createdMinutesAgo,
                resourceID: deviceID, resourceName: deviceName, ip: ip, now: now
            ).objectValue ?? [:]
        object["eventType"] = "RCA"
        switch resource {
        case .null: object["resource"] = .null
        case .empty: object["resource"] = [:]
        case .absent: object.removeValue(forKey: "resource")
        }
        return .object(object)
    }

    /// An inference alert: `eventType` `INFERENCE`, a sparse `resource` `{name, type: CLIENT}` and no `device`.
    public static func inferenceAlert(
        id: Int, subject: String, clientName: String, createdMinutesAgo: Int,
        now: Date = Date()
    ) -> JSONValue {
        var object =
            alert(
                id: id, state: "Warning", priority: "N/A", subject: subject, createdMinutesAgo: createdMinutesAgo,
                resourceID: "", resourceName: clientName, ip: "", now: now
            ).objectValue ?? [:]
        object["eventType"] = "INFERENCE"
        object["resource"] = ["name": .string(clientName), "type": "CLIENT", "metaData": [:]]
        object.removeValue(forKey: "device")
        object["inferenceId"] = .int(id)
        return .object(object)
    }

    /// A legacy alert: `device` only, `createdTime` in epoch milliseconds and no `createdDate` (§14.3).
    public static func legacyAlert(
        id: Int, subject: String, createdMinutesAgo: Int, deviceID: String, deviceName: String,
        ip: String, now: Date = Date()
    ) -> JSONValue {
        var object =
            alert(
                id: id, state: "Critical", priority: "N/A", subject: subject, createdMinutesAgo: createdMinutesAgo,
                resourceID: deviceID, resourceName: deviceName, ip: ip, now: now
            ).objectValue ?? [:]
        object.removeValue(forKey: "resource")
        object.removeValue(forKey: "createdDate")
        object["createdTime"] = .int(Int(now.addingTimeInterval(-Double(createdMinutesAgo) * 60).timeIntervalSince1970 * 1000))
        return .object(object)
    }

    /// RCA (each `MissingResource` shape), inference and legacy alerts, newest first, ids 700001 onwards,
    /// all Critical or Warning and open, raised within the last 50 minutes.
    public static func variedAlerts(now: Date) -> [JSONValue] {
        [
            rcaAlert(
                id: 700_001, subject: "RCA: switch uplink down", createdMinutesAgo: 5, deviceID: "dev-rca-1",
                deviceName: "core-switch-02", ip: "10.0.0.3", resource: .null, now: now),
            rcaAlert(
                id: 700_002, subject: "RCA: storage path lost", createdMinutesAgo: 10, deviceID: "dev-rca-2",
                deviceName: "nas-02", ip: "10.0.5.52", resource: .empty, now: now),
            rcaAlert(
                id: 700_003, subject: "RCA: hypervisor unreachable", createdMinutesAgo: 15, deviceID: "dev-rca-3",
                deviceName: "esx-07", ip: "10.0.6.7", resource: .absent, now: now),
            inferenceAlert(
                id: 700_004, subject: "Inference: login failures rising", clientName: "acme-aiops",
                createdMinutesAgo: 20, now: now),
            legacyAlert(
                id: 700_005, subject: "chrome.exe | Not Running", createdMinutesAgo: 40, deviceID: "dev-legacy-1",
                deviceName: "HYDLPT204", ip: "172.28.2.148", now: now),
        ]
    }

    /// A partner tenant (`msp_900`) serving two clients whose alerts look alike apart from their client:
    /// the same subject on a host of the same name, newest first.
    public static func partnerTenant(now: Date) -> (tenantID: String, clients: [(id: String, name: String)], alerts: [JSONValue]) {
        let clients = [(id: "client_901", name: "Northwind Traders"), (id: "client_902", name: "Contoso Ltd")]
        var alerts: [JSONValue] = []
        for minute in 0..<6 {
            let client = clients[minute % 2]
            alerts.append(
                alert(
                    id: 900_100 + minute, state: minute < 4 ? "Critical" : "Warning", priority: "P1",
                    subject: "CPU utilization 97% on web-01", createdMinutesAgo: 2 + minute * 7,
                    resourceID: "\(client.id)-web-01", resourceName: "web-01", ip: "10.0.1.11",
                    tenantID: client.id, tenantName: client.name, now: now))
        }
        return ("msp_900", clients, alerts)
    }

    /// `count` plain resources (`host-0000` ...), for paging through a large resources/minimal answer.
    public static func resources(count: Int, now: Date = Date()) -> [JSONValue] {
        (0..<count).map { index in
            let number = String(repeating: "0", count: max(0, 4 - String(index).count)) + String(index)
            return resource(
                id: "6f1c2a10-0000-4000-8000-00000000\(number)", name: "host-\(number)", hostName: "host-\(number).lab",
                ip: "10.20.\(index / 250).\(index % 250 + 1)", type: index % 3 == 0 ? "Windows" : "Linux",
                make: "HPE", nativeType: "Server", now: now)
        }
    }
}
