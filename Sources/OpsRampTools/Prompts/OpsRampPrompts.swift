import Foundation
import OpsRampAPI
import OpsRampConfiguration
import OpsRampMCP

/// Ready-made questions operators ask most, as MCP prompts.
public enum OpsRampPrompts {
    static let windows = ["15m", "1h", "4h", "24h", "today", "7d"]
    static let groups = ["AWS EC2", "AWS RDS", "Azure VMs", "Linux servers", "Windows servers", "Cisco switches"]

    /// The prompts, naming the tools as exposed; a prompt whose tool is not exposed is left out.
    public static func all(names: ToolNames = ToolNames()) -> [Prompt] {
        var prompts: [Prompt] = []
        if names.isExposed(.getAlerts) {
            prompts.append(
                Prompt(
                    name: "alerts_in_window", title: "Alerts in a time window",
                    description: "Alerts of one state (Critical by default) raised in a recent window, grouped by resource.",
                    arguments: [
                        PromptArgument(name: "window", description: "How far back: 15m, 1h, 24h, today, 7d (default 1h).", suggestions: windows),
                        PromptArgument(
                            name: "state", description: "Critical, Warning, Info or Ok (default Critical).", suggestions: GetAlerts.states),
                        PromptArgument(name: "priority", description: "Only this priority, P0 (highest) to P5.", suggestions: GetAlerts.priorities),
                    ],
                    render: { arguments in
                        let window = try validWindow(arguments["window"] ?? "1h")
                        let state = try choice(arguments["state"] ?? AlertState.critical.rawValue, from: GetAlerts.states, argument: "state")
                        var filters = "states [\"\(state)\"], since \"\(window)\""
                        if let priority = arguments["priority"], !priority.isEmpty {
                            filters += ", priorities [\"\(try choice(priority, from: GetAlerts.priorities, argument: "priority"))\"]"
                        }
                        return [
                            PromptMessage(
                                role: .user,
                                text: """
                                    Show me all \(state.lowercased()) alerts from the last \(window) in OpsRamp.
                                    Call \(names[.getAlerts]) with \(filters). Group the alerts by resource, newest first, with \
                                    subject, priority, status and when each was raised. Say how many matched in total; if the answer \
                                    has a next, say that more exist and offer to fetch them with its arguments.
                                    """)
                        ]
                    }))
        }
        if names.isExposed(.getMinimalResourceDetails) {
            prompts.append(
                Prompt(
                    name: "resource_group_status", title: "Status of a resource group",
                    description: "Status of a group of resources such as AWS EC2 instances: their state and their open alerts.",
                    arguments: [
                        PromptArgument(
                            name: "group", description: "The group, e.g. AWS EC2, Linux servers, Cisco switches.", required: true, suggestions: groups
                        )
                    ],
                    render: { arguments in
                        let group = arguments["group"] ?? ""
                        return [
                            PromptMessage(
                                role: .user,
                                text: """
                                    What is the status of our \(group) in OpsRamp?
                                    Call \(names[.getMinimalResourceDetails]) with type "\(group)". Report how many there are, how many \
                                    are active and inactive, and list the ones with open alerts, worst first (critical, then warning). \
                                    If nothing matched, follow the answer's hint.
                                    """)
                        ]
                    }))
        }
        if names.isExposed(.getAlertStatisticsDashboard) {
            prompts.append(
                Prompt(
                    name: "devices_needing_attention", title: "Devices that need attention",
                    description:
                        "Which devices need attention: open critical and warning alerts since a point in time "
                        + "(default today, in the operator's time zone), ranked by device.",
                    arguments: [
                        PromptArgument(name: "since", description: "Start of the period: today (default), 1h, 24h, 7d.", suggestions: windows)
                    ],
                    render: { arguments in
                        let since = try validWindow(arguments["since"] ?? "today")
                        let detail =
                            names.isExposed(.getAlerts)
                            ? " For the alerts of one device, call \(names[.getAlerts]) with its id in resource_ids and actions [\"OPEN\"]." : ""
                        return [
                            PromptMessage(
                                role: .user,
                                text: """
                                    Which devices need attention (since \(since))?
                                    Call \(names[.getAlertStatisticsDashboard]) with since "\(since)". Give the counts of open critical and \
                                    warning alerts, then the devices in the order the answer ranks them, each with its worst priority and \
                                    newest alert; say how many devices there are in all. Include the dashboard link if there is one.\(detail)
                                    """)
                        ]
                    }))
        }
        return prompts
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
