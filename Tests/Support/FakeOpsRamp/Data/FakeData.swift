import Foundation
import OpsRampJSON

/// Builders for OpsRamp objects in the shapes the real API returns: alerts as in reference §6,
/// resources with the §7 fields plus `make`, `state`, `nativeType`, `agentInstalled` and `tags`.
public enum FakeData {
    /// A full alerts-search result object (§6), dated `createdMinutesAgo` before `now`.
    /// `updatedTime` is the creation time, or 20 minutes later (at most `now`) for closed alerts.
    public static func alert(
        id: Int, state: String, priority: String, subject: String, createdMinutesAgo: Int,
        resourceID: String, resourceName: String, ip: String, closed: Bool = false,
        acknowledged: Bool = false, metric: String = "system.cpu.utilization", resourceType: String = "Linux",
        alertType: String = "Monitoring", tenantID: String = "client_1234", tenantName: String = "Acme Corp",
        now: Date = Date()
    ) -> JSONValue {
        let created = now.addingTimeInterval(-Double(createdMinutesAgo) * 60)
        let updated = closed ? min(now, created.addingTimeInterval(20 * 60)) : created
        let createdText = FakeDate.format(created)
        var history: [String: JSONValue] = ["createdBy": "system", "createdTime": .string(createdText)]
        if acknowledged {
            history["acknowledgedBy"] = "ops.engineer"
            history["acknowledgedTime"] = .string(FakeDate.format(min(now, created.addingTimeInterval(5 * 60))))
        }
        if closed {
            history["closedBy"] = "system"
            history["closedTime"] = .string(FakeDate.format(updated))
        }
        let device: JSONValue = [
            "id": .string(resourceID), "name": .string(resourceName), "hostName": .string(resourceName),
            "ipAddress": .string(ip), "type": "DEVICE", "aliasName": "", "resourceName": .string(resourceName),
            "resourceType": .string(resourceType),
        ]
        var resource = device.objectValue ?? [:]
        resource["type"] = .string(resourceType)
        for (key, value) in [
            "consoles": JSONValue.array([]), "frequency": 0, "paused": false, "deleted": false,
            "validateSSL": false, "port": 0, "encrypted": false, "timeout": 0, "days": 0, "ts": 0,
            "clientId": 0, "locationOffset": 0, "totalLocations": 0, "receiverHostPort": 0,
        ] {
            resource[key] = value
        }
        return [
            "uniqueId": .string(String(id)),
            "subject": .string(subject),
            "description": .string(subject),
            "currentState": .string(state),
            "oldState": "Ok",
            "serviceName": .string(metric),
            "acknowledged": .bool(acknowledged), "suppressed": false, "permanentlySuppressed": false,
            "closed": .bool(closed), "ticketed": false,
            "clientUniqueId": .string(tenantID),
            "alertType": .string(alertType),
            "alertTime": .string(createdText),
            "device": device,
            "resource": .object(resource),
            "repeatCount": "1",
            "tenantId": .int(Int(tenantID.filter(\.isNumber)) ?? 0),
            "status": closed ? "Closed" : (acknowledged ? "Acknowledged" : "New"),
            "priority": .string(priority),
            "elapsedTimeString": .string(elapsed(minutes: createdMinutesAgo)),
            "createdDate": .string(createdText),
            "updatedTime": .string(FakeDate.format(updated)),
            "rba": false, "tenantName": .string(tenantName), "managedByOpsRamp": false, "actedTs": 0,
            "eventType": "ALERT", "metric": .string(metric), "inferenceId": 0,
            "app": "OpsRamp Agent", "component": .string(metric), "problemArea": .string(metric),
            "statusHistory": .object(history),
        ]
    }

    /// A resource object: §7 fields (`type` is OpsRamp's `resourceType`, e.g. "Linux"; the object's own
    /// `type` is `DEVICE`) plus `make`, `nativeType`, `state`, `agentInstalled`, `tags` and dates, and
    /// `os` and `osType` (OpsQL resource attributes) when given; `osType` defaults to the operating
    /// system family when `type` names one (Linux, Windows).
    public static func resource(
        id: String, name: String, hostName: String, ip: String, type: String, make: String, nativeType: String,
        state: String = "active", agentInstalled: Bool = true, dnsName: String? = nil, os: String? = nil,
        osType: String? = nil, tags: [String: String] = [:], tenantID: String = "client_1234", now: Date = Date()
    ) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "hostName": .string(hostName), "ipAddress": .string(ip),
            "aliasName": "", "resourceName": .string(name), "resourceType": .string(type), "type": "DEVICE",
            "make": .string(make), "nativeType": .string(nativeType), "state": .string(state),
            "status": state == "active" ? "UP" : "UNKNOWN",
            "agentInstalled": .bool(agentInstalled), "clientId": .string(tenantID), "source": "API",
            "tags": .array(tags.sorted { $0.key < $1.key }.map { ["name": .string($0.key), "value": .string($0.value)] }),
            "createdDate": .string(FakeDate.format(now.addingTimeInterval(-90 * 86_400))),
            "updatedDate": .string(FakeDate.format(now.addingTimeInterval(-86_400))),
        ]
        object.setIfPresent("dnsName", dnsName.map(JSONValue.string))
        object.setIfPresent("os", os.map(JSONValue.string))
        object.setIfPresent("osType", (osType ?? (["Linux", "Windows"].contains(type) ? type : nil)).map(JSONValue.string))
        return .object(object)
    }

    /// OpsRamp's `elapsedTimeString`, e.g. `"4d 22h 21m "`.
    static func elapsed(minutes: Int) -> String {
        let days = minutes / 1440
        let hours = minutes % 1440 / 60
        let rest = minutes % 60
        return (days > 0 ? "\(days)d " : "") + (days > 0 || hours > 0 ? "\(hours)h " : "") + "\(rest)m "
    }
}
