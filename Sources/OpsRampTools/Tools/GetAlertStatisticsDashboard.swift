import Configuration
import Foundation
import JSON
import MCP
import OpsRampAPI

/// `get_alert_statistics_dashboard`: what needs attention in a window, in one call. Open alerts
/// (action OPEN) are counted by state, and the devices with open Critical or Warning alerts are
/// ranked, with links into the portal when they are configured.
enum GetAlertStatisticsDashboard {
    static let defaultTop = 10
    static let maximumTop = 500
    /// The states that make a device need attention; Info and Ok are counted apart.
    static let attentionStates = ["Critical", "Warning"]
    static let otherStates = ["Info", "Ok"]
    /// Most attention alerts fetched to rank devices (ten pages of 500).
    static let alertLimit = 5000

    static func make(_ environment: ToolEnvironment) -> Tool {
        let names = environment.names
        return Tool(
            name: names[.getAlertStatisticsDashboard],
            title: "What needs attention",
            description: """
                Which devices need attention: open alerts (action OPEN) of a window by state, and the devices with open \
                Critical or Warning alerts ranked (critical, priority, count) with id (for \(names[.getAlerts]) \
                resource_ids), type, counts, worst priority, newest alert. Info and Ok apart.
                """,
            inputSchema: Schema.object([
                "since": Schema.string("Window start: 1h, 24h, today, 2026-12-01T07:00, ...", default: "24h"),
                "until": Schema.string("Window end (default now)."),
                "top": Schema.integer("Devices to list.", minimum: 1, maximum: maximumTop, default: defaultTop),
                "by_priority": Schema.boolean("Count Critical and Warning by priority too."),
            ]),
            outputSchema: Schema.openObject([
                "window": TimeWindow.schema,
                "filter": Schema.plainString,
                "attention": Schema.counts(nil),
                "otherOpen": Schema.counts(nil),
                "byPriority": Schema.counts(nil),
                "devices": CompactTable.schema,
                "devicesTotal": Schema.plainInteger,
                "incomplete": Schema.plainString,
                "next": Continuation.schema,
                "truncated": Schema.plainString,
                "dashboardUrl": Schema.plainString,
                "alertsPageUrl": Schema.plainString,
            ]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { arguments, context in
                try await run(arguments, context: context, environment: environment)
            })
    }

    static func run(_ arguments: ToolArguments, context: ToolContext, environment: ToolEnvironment) async throws -> ToolOutput {
        let window = try environment.window(since: arguments.string("since", default: "24h"), until: arguments.string("until"),
                                            timeBase: .created)
        let links = PortalLinks(environment.portal)
        guard environment.client != nil else {
            var details: [String: JSONValue] = [:]
            details.setIfPresent("dashboardUrl", links.dashboard.map(JSONValue.string))
            details.setIfPresent("alertsPageUrl", links.alertsPage.map(JSONValue.string))
            let problems = environment.connectionProblems.map(\.message).joined(separator: "; ")
            return .failure("The OpsRamp connection is not configured, so nothing can be counted: \(problems).", details: details)
        }
        let survey = try await AttentionSurvey.run(window: window, byPriority: arguments.bool("by_priority") == true,
                                                   environment: environment, progress: context.progress)
        return answer(survey, arguments: arguments, window: window, links: links, environment: environment)
    }

    static func answer(_ survey: AttentionSurvey, arguments: ToolArguments, window: TimeWindow?, links: PortalLinks,
                       environment: ToolEnvironment) -> ToolOutput {
        let top = arguments.int("top", default: defaultTop)
        let devices = ResourceAlertGroups.ranked(survey.alerts)
        let positions = devices.prefix(top).indices.map { JSONValue.int($0) }
        return ResultBudget.fit(positions, maxBytes: environment.maxResultBytes) { kept, dropped in
            var result: [String: JSONValue] = ["filter": "actions:OPEN"]
            result.setIfPresent("window", window?.json)
            var attention = attentionStates.map { ($0, survey.byState[$0] ?? 0) }
            attention.append(("total", attention.map(\.1).reduce(0, +)))
            result["attention"] = .object(Dictionary(uniqueKeysWithValues: attention.map { ($0.0, JSONValue.int($0.1)) }))
            result["otherOpen"] = .object(Dictionary(uniqueKeysWithValues: otherStates.map { ($0, JSONValue.int(survey.byState[$0] ?? 0)) }))
            if let byPriority = survey.byPriority {
                result["byPriority"] = .object(Dictionary(uniqueKeysWithValues: AlertTally.priorityBuckets.map { ($0, JSONValue.int(byPriority[$0] ?? 0)) }))
            }
            result["devices"] = ResourceAlertGroups.table(devices.prefix(kept.count), states: attentionStates).json
            result["devicesTotal"] = .int(devices.count)
            result.setIfPresent("dashboardUrl", links.dashboard.map(JSONValue.string))
            result.setIfPresent("alertsPageUrl", links.alertsPage.map(JSONValue.string))

            let names = environment.names
            if let missing = survey.missing {
                // Devices and their counts come from the alerts fetched; the rest are one get_alerts call away.
                result["incomplete"] = .string("devices and their counts come from the newest \(survey.alerts.count) of the "
                    + "\(survey.attentionTotal) open Critical and Warning alerts (\(missing)); the totals above are exact. "
                    + "next groups the rest.")
                result["next"] = Continuation(tool: names[.getAlerts], original: ToolArguments([:]), window: window, changes: [
                    "states": .array(attentionStates.map(JSONValue.string)), "actions": ["OPEN"], "group_by": "resource",
                    "offset": .int(survey.alerts.count), "limit": .int(GetAlerts.maximumLimit),
                ]).json
            } else if kept.count < devices.count {
                result["next"] = Continuation(tool: names[.getAlertStatisticsDashboard], original: arguments, window: window, changes: [
                    "top": .int(min(maximumTop, devices.count)),
                ]).json
            }
            if dropped > 0 {
                result["truncated"] = .string("\(dropped) more of the top \(min(top, devices.count)) devices did not fit in "
                    + "\(environment.maxResultBytes) bytes; a shorter window or \(names[.getAlerts]) with group_by and states shows them.")
            }
            return result
        }
    }
}

/// Links into the OpsRamp portal, built from configuration only (never a fixed tenant URL). The
/// advice for missing settings goes to `--check` and the start-up log, not into answers.
struct PortalLinks {
    let dashboard: String?
    let alertsPage: String?

    init(_ portal: PortalSettings) {
        guard let base = portal.portalURL?.absoluteString else {
            dashboard = nil
            alertsPage = nil
            return
        }
        alertsPage = base + "/portal/infra-ui/alerts"
        dashboard = portal.alertDashboardID.map { base + "/portal/dashboards/" + $0 }
    }

    /// What an operator should set to get (better) links; for the start-up log and `--check`.
    static func advice(_ portal: PortalSettings, dashboardTool: String) -> [String] {
        guard portal.portalURL != nil else {
            return ["no portal links in \(dashboardTool): set \(ConfigurationVariable.portalURL.name) (e.g. https://acme.app.opsramp.com) "
                + "and \(ConfigurationVariable.alertDashboardID.name)"]
        }
        var advice: [String] = []
        if portal.alertDashboardID == nil {
            advice.append("set \(ConfigurationVariable.alertDashboardID.name) to the id of your alert statistics dashboard "
                + "(the last part of its portal URL) for a direct link in \(dashboardTool)")
        }
        if portal.portalURLDerived {
            advice.append("the portal URL was derived from \(ConfigurationVariable.baseURL.name); set "
                + "\(ConfigurationVariable.portalURL.name) if it is wrong")
        }
        return advice
    }
}
