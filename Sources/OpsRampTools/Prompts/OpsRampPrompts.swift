import Configuration
import Foundation
import MCP

/// Ready-made questions operators ask most, as MCP prompts.
public enum OpsRampPrompts {
    static let windows = ["15m", "1h", "4h", "24h", "today", "7d"]
    static let groups = ["AWS EC2", "AWS RDS", "Azure VMs", "Linux servers", "Windows servers", "Network devices"]

    /// The prompts, naming the tools as exposed (`toolName` applies any prefix).
    public static func all(toolName: @escaping @Sendable (String) -> String = { $0 }) -> [Prompt] {
        [
            Prompt(
                name: "alerts_in_window", title: "Alerts in a time window",
                description: "Show alerts of one state (Critical by default) raised in a recent window, grouped by resource.",
                arguments: [
                    PromptArgument(name: "window", description: "How far back: 15m, 1h, 24h, today, 7d (default 1h).", suggestions: windows),
                    PromptArgument(name: "state", description: "Critical, Warning, Info or Ok (default Critical).", suggestions: GetAlerts.states),
                    PromptArgument(name: "priority", description: "Only this priority, P0 (highest) to P5.", suggestions: GetAlerts.priorities),
                ],
                render: { arguments in
                    let window = try validWindow(arguments["window"] ?? "1h")
                    let state = try choice(arguments["state"] ?? "Critical", from: GetAlerts.states, argument: "state")
                    var filters = "states [\"\(state)\"], since \"\(window)\""
                    if let priority = arguments["priority"], !priority.isEmpty {
                        filters += ", priorities [\"\(try choice(priority, from: GetAlerts.priorities, argument: "priority"))\"]"
                    }
                    return [PromptMessage(role: .user, text: """
                        Show me all \(state.lowercased()) alerts from the last \(window) in OpsRamp.
                        Call \(toolName("get_alerts")) with \(filters). Group the alerts by resource, newest first, with \
                        subject, priority, status and when each was raised. Say how many matched in total; if more exist \
                        than were returned, say so and offer the next page.
                        """)]
                }),
            Prompt(
                name: "resource_group_status", title: "Status of a resource group",
                description: "Status of a group of resources such as AWS EC2 instances: which are up, which are inactive, which have alerts with action OPEN.",
                arguments: [
                    PromptArgument(name: "group", description: "The group, e.g. AWS EC2, Linux servers, Network devices.", required: true, suggestions: groups),
                ],
                render: { arguments in
                    let group = arguments["group"] ?? ""
                    return [PromptMessage(role: .user, text: """
                        What is the status of our \(group) in OpsRamp?
                        First call \(toolName("get_query_examples")) with category "resources", then use \(toolName("execute_opsql_query")) \
                        with objectType "resource" and a filterCriteria that selects \(group) (for cloud resources match make and \
                        nativeType, e.g. make = "AWS" AND nativeType CONTAINS "EC2"), asking for id, name, ipAddress, state and \
                        agentInstalled. Then call \(toolName("get_alerts")) with actions ["OPEN"] and resource_ids set to those ids. \
                        Report how many are active and inactive, and list the ones with alerts (action OPEN), worst first.
                        """)]
                }),
            Prompt(
                name: "devices_needing_attention", title: "Devices that need attention",
                description: "Which devices need attention now: critical and warning alerts with action OPEN since a point in time (default today, in the operator's time zone), per device.",
                arguments: [
                    PromptArgument(name: "since", description: "Start of the period: today (default), 1h, 24h, 7d.", suggestions: windows),
                ],
                render: { arguments in
                    let since = try validWindow(arguments["since"] ?? "today")
                    return [PromptMessage(role: .user, text: """
                        Which devices need attention (since \(since))?
                        Call \(toolName("get_alert_statistics_dashboard")) with since "\(since)" for the overall picture, then \
                        \(toolName("get_alerts")) with states ["Critical", "Warning"], actions ["OPEN"], since "\(since)" and limit 200. \
                        Rank the devices by their worst alert (critical before warning, then priority, then count) and give \
                        for each the alerts to look at first. Include the dashboard link if there is one.
                        """)]
                }),
        ]
    }

    /// Whether a time can be read does not depend on the zone, so any zone serves for the check.
    static func validWindow(_ text: String) throws -> String {
        do {
            _ = try TimeExpression(timeZone: OperatorTimeZone.utc.zone, now: Date()).parse(text)
        } catch {
            throw PromptArgumentError("not a time window: \(error). \(TimeExpression.help(zoneName: "the operator's time zone"))")
        }
        return text
    }

    static func choice(_ value: String, from options: [String], argument: String) throws -> String {
        guard let match = options.first(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) else {
            throw PromptArgumentError("\(argument) must be one of \(options.joined(separator: ", ")); got \"\(value)\"")
        }
        return match
    }
}
