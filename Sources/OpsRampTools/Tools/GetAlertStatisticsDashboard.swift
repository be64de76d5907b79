import Foundation
import OpsRampAPI
import OpsRampConfiguration
import OpsRampJSON
import OpsRampMCP

/// `get_alert_statistics_dashboard`: what needs attention in a window, in one call. Open alerts
/// (action OPEN) are counted by state, and the devices with open Critical or Warning alerts are
/// ranked, with links into the portal when they are configured.
enum GetAlertStatisticsDashboard {
    static let defaultTop = 10
    static let maximumTop = 500
    /// The states that make a device need attention; Info and Ok are counted apart.
    static let attentionStates = AlertState.needingAttention.map(\.rawValue)
    static let otherStates = AlertState.quiet.map(\.rawValue)
    /// Most attention alerts fetched to rank devices (ten pages of 500).
    static let alertLimit = 5000

    static func make(_ environment: ToolEnvironment) -> Tool {
        let names = environment.names
        return Tool(
            name: names[.getAlertStatisticsDashboard],
            title: "What needs attention",
            description: """
                Which devices need attention: open (action OPEN) alerts of a window by state, and the devices with open \
                Critical or Warning alerts, ranked, with id\(names.available(.getAlerts).map { " (for \($0) resource_ids)" } ?? ""), \
                counts, worst priority, newest alert. Info and Ok apart.
                """,
            inputSchema: Schema.object([
                "since": Schema.string("Window start: 1h, 24h, today, 2026-12-01T07:00, ...", default: "24h"),
                "until": Schema.string("Window end (default now)."),
                "top": Schema.integer("Devices to list.", minimum: 1, maximum: maximumTop, default: defaultTop),
                "device_offset": Schema.offset,
                "by_priority": Schema.boolean("Also count by priority."),
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
        let window = try environment.window(
            since: arguments.string("since", default: "24h"), until: arguments.string("until"),
            timeBase: .created)
        let links = PortalLinks(environment.portal)
        guard environment.client != nil else {
            var details: [String: JSONValue] = [:]
            details.setIfPresent("dashboardUrl", links.dashboard.map(JSONValue.string))
            details.setIfPresent("alertsPageUrl", links.alertsPage.map(JSONValue.string))
            let problems = environment.connectionProblems.map(\.message).joined(separator: "; ")
            return .failure("The OpsRamp connection is not configured, so nothing can be counted: \(problems).", details: details)
        }
        let survey = try await AttentionSurvey.run(
            window: window, byPriority: arguments.bool("by_priority") == true,
            environment: environment, progress: context.progress)
        return answer(survey, arguments: arguments, window: window, links: links, environment: environment)
    }

    static func answer(
        _ survey: AttentionSurvey, arguments: ToolArguments, window: TimeWindow?, links: PortalLinks,
        environment: ToolEnvironment
    ) -> ToolOutput {
        let top = arguments.int("top", default: defaultTop)
        let start = max(0, arguments.int("device_offset", default: 0))
        let devices = ResourceAlertGroups.ranked(survey.alerts)
        let shown = devices.dropFirst(start).prefix(top)
        let positions = shown.indices.map { JSONValue.int($0) }
        return ResultBudget.fit(positions, maxBytes: environment.maxResultBytes) { kept, dropped in
            var result: [String: JSONValue] = ["filter": "actions:OPEN"]
            result.setIfPresent("window", window?.json)
            // Counts that were not made are left out, never shown as zero (`incomplete` says which).
            var attention = attentionStates.compactMap { state in survey.byState[state].map { (state, $0) } }
            attention.append(("total", attention.count == attentionStates.count ? attention.map(\.1).reduce(0, +) : survey.attentionTotal))
            result["attention"] = .object(Dictionary(uniqueKeysWithValues: attention.map { ($0.0, JSONValue.int($0.1)) }))
            let others = otherStates.compactMap { state in survey.byState[state].map { (state, JSONValue.int($0)) } }
            if !others.isEmpty { result["otherOpen"] = .object(Dictionary(uniqueKeysWithValues: others)) }
            if let byPriority = survey.byPriority {
                result["byPriority"] = .object(
                    Dictionary(uniqueKeysWithValues: AlertTally.priorityBuckets.map { ($0, JSONValue.int(byPriority[$0] ?? 0)) }))
            }
            result["devices"] = ResourceAlertGroups.table(shown.prefix(kept.count), states: attentionStates).json
            result["devicesTotal"] = .int(devices.count)
            result.setIfPresent("dashboardUrl", links.dashboard.map(JSONValue.string))
            result.setIfPresent("alertsPageUrl", links.alertsPage.map(JSONValue.string))

            let names = environment.names
            let next = start + kept.count
            var incomplete: [String] = []
            if let missing = survey.missing {
                // Devices and their counts come from the alerts fetched; the rest are one get_alerts call away.
                // When next continues the cut ranking instead, the call for the other alerts is spelled out.
                let rest =
                    names.available(.getAlerts).map { tool in
                        dropped > 0
                            ? "\(tool) with group_by \"resource\" from offset \(survey.alerts.count) groups the rest."
                            : "next groups the rest."
                    } ?? "a shorter window (since, until) ranks the rest."
                incomplete.append(
                    "devices and their counts come from the newest \(survey.alerts.count) of the "
                        + "\(survey.attentionTotal) open Critical and Warning alerts (\(missing)); the totals above are exact. " + rest)
            }
            // Counts the rate budget left out are said to be missing; they are never shown as zero.
            if let skipped = survey.skipped { incomplete.append(skipped) }
            if !incomplete.isEmpty { result["incomplete"] = .string(incomplete.joined(separator: " ")) }
            if dropped > 0 {
                // Cut by size: the same ranking continues after the last device shown.
                result["next"] =
                    Continuation(
                        tool: names[.getAlertStatisticsDashboard], original: arguments, window: window,
                        changes: ["device_offset": .int(next), "top": .int(max(1, top - kept.count))]
                    ).json
                result["truncated"] = .string(
                    "\(dropped) more of the \(shown.count) devices asked for did not fit in "
                        + "\(environment.maxResultBytes) bytes; next continues the ranking with them.")
            } else if survey.missing != nil, let alerts = names.available(.getAlerts) {
                result["next"] =
                    Continuation(
                        tool: alerts, original: ToolArguments([:]), window: window,
                        changes: [
                            "states": .array(attentionStates.map(JSONValue.string)), "actions": [.string(AlertAction.open.rawValue)],
                            "group_by": "resource",
                            "offset": .int(survey.alerts.count), "limit": .int(GetAlerts.maximumLimit),
                        ]
                    ).json
            } else if next < devices.count {
                // From the top, the whole ranking at once when it fits in one call; past it, the next devices.
                result["next"] =
                    start == 0 && devices.count <= maximumTop
                    ? Continuation(
                        tool: names[.getAlertStatisticsDashboard], original: arguments, window: window,
                        changes: ["top": .int(devices.count)]
                    ).json
                    : Continuation(
                        tool: names[.getAlertStatisticsDashboard], original: arguments, window: window,
                        changes: ["device_offset": .int(next), "top": .int(top)]
                    ).json
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
            return [
                "no portal links in \(dashboardTool): set \(ConfigurationVariable.portalURL.name) (e.g. https://acme.app.opsramp.com) "
                    + "and \(ConfigurationVariable.alertDashboardID.name)"
            ]
        }
        var advice: [String] = []
        if portal.alertDashboardID == nil {
            advice.append(
                "set \(ConfigurationVariable.alertDashboardID.name) to the id of your alert statistics dashboard "
                    + "(the last part of its portal URL) for a direct link in \(dashboardTool)")
        }
        if portal.portalURLDerived {
            advice.append(
                "the portal URL was derived from \(ConfigurationVariable.baseURL.name); set "
                    + "\(ConfigurationVariable.portalURL.name) if it is wrong")
        }
        return advice
    }
}
