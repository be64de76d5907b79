import OpsRampJSON

/// The alerts of one resource (device), summed up: counts by state and priority, the worst
/// priority, and the newest alert.
struct ResourceAlertGroup: Sendable {
    /// The client and the resource id, or `name:<name>` for alerts that carry only a name
    /// (inference alerts): two clients' resources of the same name are two groups.
    let key: String
    var id: String?
    var name: String?
    var type: String?
    /// Whose resource it is, when the compact alerts say (partner tenants, other clients).
    var client: String?
    var clientName: String?
    var tally = AlertTally()
    /// `AlertTime.sortKey` of the newest alert, with its creation time and subject as sent.
    var newestKey = ""
    var newestCreated: String?
    var newestSubject: String?

    /// The highest priority among the alerts (P0 is highest); `N/A` when none has one.
    var worstPriority: String {
        AlertFilterVocabulary.priorities.first { tally.byPriority[$0] != nil } ?? AlertTally.unsetPriority
    }

    /// The position of the worst state in `AlertFilterVocabulary.states` (Critical first); `other` after them.
    var worstStateRank: Int {
        AlertFilterVocabulary.states.firstIndex { tally.count(state: $0) > 0 } ?? AlertFilterVocabulary.states.count
    }

    mutating func add(_ alert: JSONValue) {
        tally.add(alert)
        id = id ?? alert["resourceId"]?.stringValue
        name = name ?? alert["resourceName"]?.stringValue
        type = type ?? alert["resourceType"]?.stringValue
        client = client ?? alert["clientUniqueId"]?.stringValue
        clientName = clientName ?? alert["tenantName"]?.stringValue
        let created = alert["createdDate"]?.stringValue
        let key = AlertTime.sortKey(created)
        if newestCreated == nil || key > newestKey {
            newestKey = key
            newestCreated = created
            newestSubject = alert["subject"]?.stringValue
        }
    }
}

/// Groups compact alerts by the resource they are on and ranks the groups by how much attention
/// they need: worst state first (Critical before Warning), then highest priority, then most alerts
/// of each state, then the newest alert.
enum ResourceAlertGroups {
    /// Longest subject shown in a table; longer ones end in "...".
    static let subjectLength = 120
    /// Groups for alerts that name no resource at all.
    static let noResourceKey = "(no resource)"

    static func ranked(_ alerts: [JSONValue]) -> [ResourceAlertGroup] {
        var groups: [String: ResourceAlertGroup] = [:]
        for alert in alerts {
            let resource = alert["resourceId"]?.stringValue ?? alert["resourceName"]?.stringValue.map { "name:" + $0 } ?? noResourceKey
            // A client named only by tenantName (legacy alerts) still tells its resources apart.
            let client = alert["clientUniqueId"]?.stringValue ?? alert["tenantName"]?.stringValue.map { "tenant:" + $0 }
            let key = client.map { $0 + "|" + resource } ?? resource
            groups[key, default: ResourceAlertGroup(key: key)].add(alert)
        }
        return groups.values.sorted(by: precedes)
    }

    /// True when `first` needs attention before `second`.
    static func precedes(_ first: ResourceAlertGroup, _ second: ResourceAlertGroup) -> Bool {
        if first.worstStateRank != second.worstStateRank { return first.worstStateRank < second.worstStateRank }
        let firstPriority = AlertTally.priorityBuckets.firstIndex(of: first.worstPriority) ?? Int.max
        let secondPriority = AlertTally.priorityBuckets.firstIndex(of: second.worstPriority) ?? Int.max
        if firstPriority != secondPriority { return firstPriority < secondPriority }
        for state in AlertFilterVocabulary.states + [AlertTally.otherState] {
            let (a, b) = (first.tally.count(state: state), second.tally.count(state: state))
            if a != b { return a > b }
        }
        if first.newestKey != second.newestKey { return first.newestKey > second.newestKey }
        return (first.name ?? "", first.key) < (second.name ?? "", second.key)
    }

    /// The table of `groups` with one count column per state in `states` (lower case), and the client
    /// columns (`clientUniqueId`, `tenantName`) when the alerts name clients: in every row when the
    /// rows span several clients, once in `common` when they share one.
    static func table(_ groups: some Collection<ResourceAlertGroup>, states: [String]) -> CompactTable {
        var clientColumns: [(name: String, value: (ResourceAlertGroup) -> String?)] = []
        if groups.contains(where: { $0.client != nil }) { clientColumns.append(("clientUniqueId", \.client)) }
        if groups.contains(where: { $0.clientName != nil }) { clientColumns.append(("tenantName", \.clientName)) }
        let columns =
            ["name", "id", "type"] + clientColumns.map(\.name) + states.map { $0.lowercased() }
            + ["worstPriority", "newestCreated", "newestSubject"]
        let rows = groups.map { group -> [JSONValue] in
            var row: [JSONValue] = [text(group.name), text(group.id), text(group.type)]
            row += clientColumns.map { text($0.value(group)) }
            row += states.map { .int(group.tally.count(state: $0)) }
            row += [.string(group.worstPriority), text(AlertTime.utc(group.newestCreated)), text(group.newestSubject.map(shortened))]
            return row
        }
        return CompactTable(columns: columns, rows: rows)
    }

    /// The states a table of `groups` needs columns for: OpsRamp's four, and `other` when an alert had another.
    static func states(in groups: [ResourceAlertGroup]) -> [String] {
        AlertFilterVocabulary.states + (groups.contains { $0.tally.count(state: AlertTally.otherState) > 0 } ? [AlertTally.otherState] : [])
    }

    static func shortened(_ subject: String) -> String {
        subject.count > subjectLength ? String(subject.prefix(subjectLength - 3)) + "..." : subject
    }

    private static func text(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }
}
