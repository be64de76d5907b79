import OpsRampAPI
import OpsRampJSON

/// Open alerts (action OPEN) of a set of resources, counted per resource and state: one alert
/// search on `resourceIds`, paged like any other.
struct ResourceAlertCounts: Sendable {
    /// Most resources asked about in one search (ids travel in the URL).
    static let maximumResources = 100
    /// Most alerts read for the counts (two pages of 500).
    static let alertLimit = 1000
    /// Row fields that hold the counts, one per state.
    static let fields = AlertFilterVocabulary.states.map { (state: $0, field: "open" + $0) }

    /// Counts by resource id, then state.
    let byResource: [String: AlertTally]
    /// The client (`clientUniqueId`, `tenantName`) the alerts of each resource id name, for resources
    /// that do not say whose they are themselves.
    let clients: [String: (id: String?, name: String?)]
    let total: AlertTally
    /// OpsRamp's number of open alerts on these resources.
    let matched: Int
    /// Why the counts are not from every open alert of these resources; `nil` when they are.
    let partial: String?

    static func fetch(ids: [String], client: OpsRampClient) async throws(OpsRampError) -> ResourceAlertCounts {
        var query = QueryString()
        do {
            try query.add("resourceIds", ids)
            try query.add("actions", AlertAction.open)
        } catch {
            throw .badRequest(detail: "resource ids: \(error)")
        }
        let collected = try await client.searchAlerts(
            query: query, offset: 0, limit: alertLimit, fields: ["currentState", "resource", "device", "clientUniqueId", "tenantName"],
            nestedFields: ["resource": ["id"], "device": ["id"]],
            transform: { alert in
                // Only the resource and the state matter here; compact each alert to those as it arrives.
                var kept: [String: JSONValue] = [:]
                kept.setIfPresent("currentState", alert["currentState"])
                kept.setIfPresent("resourceId", AlertSummary.text(alert["resource"]?["id"]) ?? AlertSummary.text(alert["device"]?["id"]))
                kept.setIfPresent("clientUniqueId", AlertSummary.text(alert["clientUniqueId"]))
                kept.setIfPresent("tenantName", AlertSummary.text(alert["tenantName"]))
                return .object(kept)
            })
        var byResource: [String: AlertTally] = [:]
        var clients: [String: (id: String?, name: String?)] = [:]
        var total = AlertTally()
        for alert in collected.items {
            total.add(alert)
            guard let id = alert["resourceId"]?.stringValue else { continue }
            byResource[id, default: AlertTally()].add(alert)
            let client = (id: alert["clientUniqueId"]?.stringValue, name: alert["tenantName"]?.stringValue)
            if clients[id] == nil, client.id != nil || client.name != nil { clients[id] = client }
        }
        let matched = collected.totalResults ?? collected.items.count
        let partial: String? =
            if let incomplete = collected.incomplete {
                "counted from \(collected.items.count) of \(matched) open alerts: \(incomplete)"
            } else if collected.items.count < matched {
                "counted from the newest \(collected.items.count) of \(matched) open alerts"
            } else {
                nil
            }
        return ResourceAlertCounts(byResource: byResource, clients: clients, total: total, matched: matched, partial: partial)
    }

    /// `row` with its `openCritical`, `openWarning`, `openInfo` and `openOk` counts, and the client its
    /// alerts name when the row names none.
    func annotate(_ row: [String: JSONValue]) -> [String: JSONValue] {
        var row = row
        let id = AlertSummary.text(row["id"])?.stringValue
        let tally = id.flatMap { byResource[$0] } ?? AlertTally()
        for (state, field) in Self.fields { row[field] = .int(tally.count(state: state)) }
        if let client = id.flatMap({ clients[$0] }), row["tenantName"] == nil {
            let own = row["clientUniqueId"]?.stringValue
            if own == nil { row.setIfPresent("clientUniqueId", client.id.map(JSONValue.string)) }
            if own == nil || own == client.id { row.setIfPresent("tenantName", client.name.map(JSONValue.string)) }
        }
        return row
    }
}
