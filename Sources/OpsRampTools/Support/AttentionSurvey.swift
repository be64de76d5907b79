import OpsRampAPI
import OpsRampJSON
import OpsRampMCP

/// What "which devices need attention?" fetches from OpsRamp: the open (action OPEN) Critical and
/// Warning alerts of a window, to rank devices by, and exact counts of open alerts by state.
///
/// The alert pages and the Info and Ok counts are requested at once. When every attention alert was
/// fetched, the Critical and Warning counts (and the priority counts) are taken from them; when the
/// fetch stopped short (the alert limit, the time or rate budget), those counts are asked of
/// OpsRamp instead, so the totals stay exact and only the device list is partial.
///
/// Every request counts against the minute's budget of paged searches (OpsRamp allows a client 50).
/// The first page of alerts is essential: without room for it the call fails, saying when to try
/// again. The counts are not: those the budget cannot cover are skipped and named in `skipped`,
/// never shown as zero.
struct AttentionSurvey: Sendable {
    /// Compact alerts, as fetched.
    let alerts: [JSONValue]
    /// Open alerts by state; a state missing here was not counted (see `skipped`).
    let byState: [String: Int]
    /// The attention alerts by priority, `N/A` included; `nil` when not asked for or skipped.
    let byPriority: [String: Int]?
    /// OpsRamp's number of open Critical and Warning alerts in the window.
    let attentionTotal: Int
    /// Why `alerts` are not all the attention alerts; `nil` when they are.
    let missing: String?
    /// The counts left out to stay within the rate budget, and when to ask again; `nil` when none.
    let skipped: String?

    /// Requests the Info and Ok counts take.
    static let otherCountRequests = 2

    static func run(
        window: TimeWindow?, byPriority: Bool, environment: ToolEnvironment,
        progress: ProgressReporter
    ) async throws -> AttentionSurvey {
        let attention = try query(states: GetAlertStatisticsDashboard.attentionStates, window: window)
        let info = try query(states: [AlertState.info.rawValue], window: window)
        let ok = try query(states: [AlertState.ok.rawValue], window: window)
        let alertContext = AlertContext(tenantID: environment.tenantID)
        let limit = GetAlertStatisticsDashboard.alertLimit
        return try await environment.withClient { client in
            // Room for the first page and both counts, or the counts wait for another call.
            let countOthers = client.requestsLeft(.pagedRead) >= 1 + otherCountRequests
            async let fetched = client.searchAlerts(
                query: attention, offset: 0, limit: limit, fields: AlertSummary.sourceFields,
                nestedFields: AlertSummary.nestedSourceFields,
                transform: { AlertSummary.compact($0, context: alertContext) }
            ) { done, wanted in
                progress.report(Double(done), total: Double(wanted), message: "fetched \(done) open Critical and Warning alerts")
            }
            async let infoCount = countOthers ? optional { try await client.countAlerts(query: info) } : nil
            async let okCount = countOthers ? optional { try await client.countAlerts(query: ok) } : nil
            let collected = try await fetched
            var byState: [String: Int] = [:]
            var skipped: [String] = []
            var requestsSkipped = 0
            if let info = try await infoCount, let ok = try await okCount {
                byState = [AlertState.info.rawValue: info, AlertState.ok.rawValue: ok]
            } else {
                skipped.append("the Info and Ok counts")
                requestsSkipped += otherCountRequests
            }

            var tally = AlertTally()
            for alert in collected.items { tally.add(alert) }
            let total = collected.totalResults ?? collected.items.count
            let missing: String? =
                if let incomplete = collected.incomplete {
                    incomplete
                } else if collected.items.count < total {
                    "one call ranks devices by at most \(limit) alerts"
                } else {
                    nil
                }
            var priorities: [String: Int]?
            if missing == nil {
                for state in GetAlertStatisticsDashboard.attentionStates { byState[state] = tally.count(state: state) }
                if byPriority { priorities = tally.byPriority }
            } else {
                let states = GetAlertStatisticsDashboard.attentionStates
                if let exact = try await optional({ try await counts(states, key: "states", window: window, client: client) }) {
                    byState.merge(exact) { $1 }
                } else {
                    skipped.append("Critical and Warning apart (their total is exact)")
                    requestsSkipped += states.count
                }
                if byPriority {
                    if var counted = try await optional({
                        try await counts(AlertFilterVocabulary.priorities, key: "priority", window: window, client: client, states: states)
                    }) {
                        // OpsRamp cannot filter on "no priority": the unset ones are what the six counts leave out.
                        counted[AlertTally.unsetPriority] = max(0, total - counted.values.reduce(0, +))
                        priorities = counted
                    } else {
                        skipped.append("the counts by priority")
                        requestsSkipped += AlertFilterVocabulary.priorities.count
                    }
                }
            }
            let note: String? =
                skipped.isEmpty
                ? nil
                : "Not counted, to stay within OpsRamp's \(client.requestLimit(.pagedRead)) paged searches a minute: "
                    + skipped.joined(separator: ", ") + ". Call again in about "
                    + "\(max(1, client.secondsUntil(requestsSkipped + 1, fitIn: .pagedRead))) s for them."
            return AttentionSurvey(
                alerts: collected.items, byState: byState, byPriority: priorities,
                attentionTotal: total, missing: missing, skipped: note)
        }
    }

    /// The result of optional requests; `nil` when the rate budget had no room for them (they were
    /// not sent). Any other failure is the call's.
    static func optional<T: Sendable>(_ requests: () async throws -> T) async throws -> T? {
        do {
            return try await requests()
        } catch OpsRampError.rateBudgetSpent {
            return nil
        }
    }

    /// `states` of open alerts in the window.
    static func query(states: [String], window: TimeWindow?) throws -> QueryString {
        var query = QueryString()
        do {
            try query.add("states", states)
            try query.add("actions", AlertAction.open)
            try window?.add(to: &query)
        } catch {
            throw ToolFailure("Invalid filter: \(error).")
        }
        return query
    }

    /// One count request per value of `key` (states or priority), run at once.
    static func counts(
        _ values: [String], key: String, window: TimeWindow?, client: OpsRampClient,
        states: [String] = []
    ) async throws -> [String: Int] {
        var queries: [(String, QueryString)] = []
        for value in values {
            var query = try self.query(states: key == "states" ? [value] : states, window: window)
            if key != "states" {
                do { try query.add(key, value) } catch { throw ToolFailure("Invalid filter: \(error).") }
            }
            queries.append((value, query))
        }
        return try await withThrowingTaskGroup(of: (String, Int).self) { group in
            for (value, query) in queries {
                group.addTask { (value, try await client.countAlerts(query: query)) }
            }
            var counts: [String: Int] = [:]
            for try await (value, count) in group { counts[value] = count }
            return counts
        }
    }
}
