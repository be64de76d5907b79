import Configuration
import Foundation
import JSON
import MCP
import OpsRampAPI

/// `get_alert_statistics_dashboard`: open-alert counts by state (and priority), plus links into the portal.
enum GetAlertStatisticsDashboard {
    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: "get_alert_statistics_dashboard",
            title: "Alert statistics and dashboard link",
            description: """
                Counts alerts with action OPEN (actions:OPEN) raised in a time window (default the last 24 hours), by \
                state (Critical, Warning, Info, Ok) and optionally by priority, and returns links to the alert statistics \
                dashboard and the alerts page of the OpsRamp portal. Good first call for "what needs attention?".
                """,
            inputSchema: Schema.object([
                "since": Schema.string("Window start, as in get_alerts (1h, 24h, today, 2026-12-01T07:00, ...).", default: "24h", minLength: 1),
                "until": Schema.string("Window end (default now).", minLength: 1),
                "by_priority": Schema.boolean("Also count by priority (six more requests to OpsRamp).", default: false),
            ]),
            outputSchema: Schema.openObject([
                "window": TimeWindow.schema,
                "filter": Schema.string("sent with every count: actions:OPEN"),
                "openAlertsByState": ["type": "object", "additionalProperties": ["type": "integer", "minimum": 0]],
                "openAlertsByPriority": ["type": "object", "additionalProperties": ["type": "integer", "minimum": 0]],
                "totalOpen": Schema.integer("sum of openAlertsByState"),
                "dashboardUrl": Schema.plainString,
                "alertsPageUrl": Schema.plainString,
                "notes": Schema.array(of: Schema.plainString),
            ], required: ["notes"]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { arguments, context in
                try await run(arguments, context: context, environment: environment)
            })
    }

    static func run(_ arguments: ToolArguments, context: ToolContext, environment: ToolEnvironment) async throws -> ToolOutput {
        let window = try environment.window(since: arguments.string("since", default: "24h"), until: arguments.string("until"),
                                            timeBase: .created)
        var result: [String: JSONValue] = [:]
        var notes: [String] = []

        let links = PortalLinks(environment.portal)
        result.setIfPresent("dashboardUrl", links.dashboard.map(JSONValue.string))
        result.setIfPresent("alertsPageUrl", links.alertsPage.map(JSONValue.string))
        notes += links.notes

        guard environment.client != nil else {
            let missing = environment.connectionProblems.map(\.message).joined(separator: "; ")
            if links.dashboard == nil && links.alertsPage == nil {
                return .failure(
                    "Nothing is configured for this tool. For statistics: \(missing). For a dashboard link: set "
                        + "\(ConfigurationVariable.portalURL.name) (e.g. https://acme.app.opsramp.com) and "
                        + "\(ConfigurationVariable.alertDashboardID.name).")
            }
            notes.append("Statistics need the OpsRamp connection: \(missing).")
            result["notes"] = .array(notes.map(JSONValue.string))
            return ToolOutput(result)
        }

        let byState = try await counts(for: GetAlerts.states, key: "states", window: window, environment: environment)
        context.progress.report(1, total: arguments.bool("by_priority") == true ? 2 : 1, message: "counted alerts by state")
        result["openAlertsByState"] = .object(byState.mapValues(JSONValue.int))
        result["totalOpen"] = .int(byState.values.reduce(0, +))
        if arguments.bool("by_priority") == true {
            let byPriority = try await counts(for: GetAlerts.priorities, key: "priority", window: window, environment: environment)
            result["openAlertsByPriority"] = .object(byPriority.mapValues(JSONValue.int))
            context.progress.report(2, total: 2, message: "counted alerts by priority")
        }
        result.setIfPresent("window", window?.json)
        result["filter"] = .string("actions:OPEN")
        notes.append("Counts are OpsRamp's alert search totals for alerts with action OPEN (actions:OPEN) raised in the window.")
        result["notes"] = .array(notes.map(JSONValue.string))
        return ToolOutput(result)
    }

    /// One cheap count request per value, run concurrently.
    static func counts(for values: [String], key: String, window: TimeWindow?, environment: ToolEnvironment) async throws -> [String: Int] {
        var queries: [(String, QueryString)] = []
        for value in values {
            var query = QueryString()
            try query.add(key, value)
            try query.add("actions", "OPEN")
            try window?.add(to: &query)
            queries.append((value, query))
        }
        return try await environment.withClient { client in
            try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for (value, query) in queries {
                    group.addTask { (value, try await client.countAlerts(query: query)) }
                }
                var counts: [String: Int] = [:]
                for try await (value, count) in group { counts[value] = count }
                return counts
            }
        }
    }
}

/// Links into the OpsRamp portal, built from configuration only (never a fixed tenant URL).
struct PortalLinks {
    let dashboard: String?
    let alertsPage: String?
    let notes: [String]

    init(_ portal: PortalSettings) {
        var notes: [String] = []
        guard let base = portal.portalURL?.absoluteString else {
            dashboard = nil
            alertsPage = nil
            notes.append("No portal link: set \(ConfigurationVariable.portalURL.name) (e.g. https://acme.app.opsramp.com) "
                + "and \(ConfigurationVariable.alertDashboardID.name) to get one.")
            self.notes = notes
            return
        }
        alertsPage = base + "/portal/infra-ui/alerts"
        if let id = portal.alertDashboardID {
            dashboard = base + "/portal/dashboards/" + id
        } else {
            dashboard = nil
            notes.append("Set \(ConfigurationVariable.alertDashboardID.name) to the id of your alert statistics dashboard "
                + "(the last part of its URL in the portal) for a direct link.")
        }
        if portal.portalURLDerived {
            notes.append("The portal URL was derived from OPSRAMP_BASE_URL; set \(ConfigurationVariable.portalURL.name) if it is wrong.")
        }
        self.notes = notes
    }
}
