import OpsRampJSON
import OpsRampMCP

/// Resource rows as answers show them: the identifying fields, once each.
enum ResourceRows {
    /// Fields kept from a `resources/minimal` object or an OpsQL resource row, in this order.
    static let fields = [
        "id", "name", "hostName", "dnsName", "resourceName", "aliasName", "ipAddress", "state",
        "resourceType", "type", "make", "nativeType", "os", "agentInstalled",
    ]

    /// A name field that equals the name, or a DNS name equal to the host name, says nothing new.
    static let compaction = RowCompaction(
        repeats: [
            .init(field: "hostName", sameAs: ["name"]),
            .init(field: "resourceName", sameAs: ["name"]),
            .init(field: "aliasName", sameAs: ["name"]),
            .init(field: "dnsName", sameAs: ["hostName", "name"]),
        ],
        neverCommon: ["id", "name"])

    /// The row for `resource`: known fields that hold something, as text (`agentInstalled` as a
    /// boolean), without repeats.
    static func row(_ resource: JSONValue) -> [String: JSONValue] {
        guard case .object(let object) = resource else { return [:] }
        var row: [String: JSONValue] = [:]
        for key in fields where key != "agentInstalled" {
            row.setIfPresent(key, AlertSummary.text(object[key]))
        }
        // Whose resource it is: OpsQL says clientId, the v2 objects clientUniqueId or a client object.
        row.setIfPresent(
            "clientUniqueId",
            AlertSummary.text(object["clientUniqueId"]) ?? AlertSummary.text(object["clientId"])
                ?? AlertSummary.text(object["client"]?["uniqueId"]))
        row.setIfPresent(
            "tenantName",
            AlertSummary.text(object["tenantName"]) ?? AlertSummary.text(object["clientName"])
                ?? AlertSummary.text(object["client"]?["name"]))
        switch object["agentInstalled"] {
        case .bool(let flag)?: row["agentInstalled"] = .bool(flag)
        case .string(let text)? where ["true", "false"].contains(text.lowercased()): row["agentInstalled"] = .bool(text.lowercased() == "true")
        default: break
        }
        return compaction.compact(row)
    }

    /// `row` without its client fields when they only name the configured tenant (see `AlertContext.keepsClient`).
    static func withClient(_ row: [String: JSONValue], context: AlertContext) -> [String: JSONValue] {
        guard row["clientUniqueId"] != nil || row["tenantName"] != nil,
            !context.keepsClient(id: row["clientUniqueId"]?.stringValue)
        else { return row }
        var row = row
        row["clientUniqueId"] = nil
        row["tenantName"] = nil
        return row
    }

    /// Open alerts of `rows` by state, from their `open…` counts.
    static func totals(_ rows: [JSONValue]) -> JSONValue {
        var totals: [String: JSONValue] = [:]
        for (state, field) in ResourceAlertCounts.fields {
            totals[state] = .int(rows.reduce(0) { $0 + ($1[field]?.intValue ?? 0) })
        }
        return .object(totals)
    }

    /// The `outputSchema` of one row: every field declared (text, `agentInstalled`, the integer counts).
    static let schema: JSONValue = {
        var properties: [String: JSONValue] = [:]
        for field in fields { properties[field] = Schema.plainString }
        properties["agentInstalled"] = Schema.plainBoolean
        properties["clientUniqueId"] = Schema.plainString
        properties["tenantName"] = Schema.plainString
        for (_, field) in ResourceAlertCounts.fields { properties[field] = Schema.plainInteger }
        return ["type": "object", "properties": .object(properties)]
    }()
}
