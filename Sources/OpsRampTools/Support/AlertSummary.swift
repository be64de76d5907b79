import Foundation
import JSON

/// The essential fields of an OpsRamp alert, flattened, for compact answers.
///
/// A search result carries some forty fields, most of them noise for a question about
/// alerts; these are the ones an operator reads. Empty values are left out.
enum AlertSummary {
    static func compact(_ alert: JSONValue) -> JSONValue {
        var summary: [String: JSONValue] = [:]
        for key in ["uniqueId", "subject", "currentState", "priority", "status", "alertType", "createdDate",
                    "updatedTime", "metric", "component", "serviceName", "repeatCount", "incidentId"] {
            if let value = meaningful(alert[key]) { summary[key] = value }
        }
        // `resource` is the current field; older answers only have `device`.
        let resource = alert["resource"] ?? alert["device"]
        let name = meaningful(resource?["name"]) ?? meaningful(resource?["resourceName"]) ?? meaningful(resource?["hostName"])
        summary.setIfPresent("resourceName", name)
        summary.setIfPresent("resourceId", meaningful(resource?["id"]))
        summary.setIfPresent("resourceIp", meaningful(resource?["ipAddress"]))
        summary.setIfPresent("resourceType", meaningful(resource?["resourceType"]) ?? meaningful(resource?["type"]))
        if alert["acknowledged"] == .bool(true) { summary["acknowledged"] = true }
        if alert["suppressed"] == .bool(true) { summary["suppressed"] = true }
        if alert["ticketed"] == .bool(true) { summary["ticketed"] = true }
        return .object(summary)
    }

    static func meaningful(_ value: JSONValue?) -> JSONValue? {
        switch value {
        case nil, .null?: return nil
        // Checked on UTF-8 bytes: Foundation's trimming bridges through NSString, far too slow per field.
        case .string(let text)? where text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }): return nil
        case .array(let items)? where items.isEmpty: return nil
        case let value?: return value
        }
    }

    /// Schema of one compact alert, for `outputSchema`. Types are left open on purpose: OpsRamp's
    /// field types vary between tenants and versions, and a client rejects a result that breaks its schema.
    static let schema: JSONValue = Schema.openObject([
        "uniqueId": Schema.any("alert id"),
        "subject": Schema.any("alert text"),
        "currentState": Schema.any("Critical, Warning, Info or Ok"),
        "priority": Schema.any("P0 (highest) to P5, or N/A"),
        "status": Schema.any("New, Acknowledged, Ticketed, ..."),
        "createdDate": Schema.any("when the alert was raised"),
        "updatedTime": Schema.any("last activity"),
        "resourceName": Schema.any("the resource the alert is about"),
        "resourceId": Schema.any("its id, usable in get_alerts resource_ids"),
    ])
}
