import OpsRampConfiguration
import OpsRampMCP

/// Assembles the OpsRamp tools into a registry, applying the user's tool selection and prefix.
public enum OpsRampToolbox {
    /// Every tool, in the order `tools/list` shows them, named as `environment.names` says.
    static func allTools(_ environment: ToolEnvironment) -> [Tool] {
        [
            GetAlerts.make(environment),
            GetMinimalResourceDetails.make(environment),
            ExecuteOpsQLQuery.make(environment),
            GetQueryExamples.make(environment),
            GetAlertStatisticsDashboard.make(environment),
            GetReleaseVersion.make(environment),
        ]
    }

    public static var toolNames: [String] { ToolName.allCases.map(\.rawValue) }

    /// The names in use once the selection is applied. Selection uses the unprefixed names; names
    /// that match no tool are returned for the caller to report.
    public static func names(for selection: ToolSelection) -> (names: ToolNames, unknown: [String]) {
        let known = Set(toolNames)
        let unknown = ((selection.include ?? []) + selection.exclude).filter { !known.contains($0) }
        let exposed = ToolName.allCases.filter { tool in
            (selection.include.map { $0.contains(tool.rawValue) } ?? true) && !selection.exclude.contains(tool.rawValue)
        }
        return (ToolNames(prefix: selection.prefix, exposed: Set(exposed)), unknown)
    }

    /// The registry after tool selection and the name prefix; every description and hint names the
    /// tools as exposed.
    public static func registry(_ environment: ToolEnvironment, selection: ToolSelection) -> (registry: ToolRegistry, unknown: [String]) {
        let (names, unknown) = names(for: selection)
        var named = environment
        named.names = names
        let tools = allTools(named).filter { tool in names.exposed.contains { names[$0] == tool.name } }
        return (ToolRegistry(tools), unknown)
    }

    /// What the operator should set for portal links (for `--check` and the start-up log; answers
    /// carry no setup advice). Empty when the links are complete or the dashboard tool is not exposed.
    public static func portalAdvice(_ portal: PortalSettings, names: ToolNames) -> [String] {
        guard names.isExposed(.getAlertStatisticsDashboard) else { return [] }
        return PortalLinks.advice(portal, dashboardTool: names[.getAlertStatisticsDashboard])
    }

    /// Guidance sent to the model in `initialize`, naming only the tools this server exposes.
    public static func instructions(_ names: ToolNames) -> String {
        var lines = [
            "Read-only access to HPE OpsRamp monitoring. Answers are compact JSON: fields equal in every row are "
                + "given once in `common`, and a field that repeats another in its row is left out (hostName or dnsName equal to "
                + "name, updatedTime equal to createdDate, component equal to metric); when an answer is cut, `next` holds the "
                + "exact call for the rest."
        ]
        if names.isExposed(.getAlerts) {
            lines.append(
                "Alerts: \(names[.getAlerts]) (states, priorities, actions such as OPEN, since such as 1h, today or "
                    + "2026-12-01T07:00 in the operator's time zone, resource_ids); group_by resource for one row per device.")
        }
        if names.isExposed(.getAlertStatisticsDashboard) {
            lines.append(
                "What needs attention: \(names[.getAlertStatisticsDashboard]) counts open alerts by state and ranks "
                    + "the devices with open Critical and Warning alerts.")
        }
        if names.isExposed(.getMinimalResourceDetails) {
            lines.append(
                "Resources and their status: \(names[.getMinimalResourceDetails]) (type in plain words such as EC2 "
                    + "or Linux, host_name); each comes with its state and open alert counts.")
        }
        if names.isExposed(.executeOpsQLQuery) {
            let examples = names.isExposed(.getQueryExamples) ? "; first adapt an example from \(names[.getQueryExamples])" : ""
            lines.append("Anything else: OpsQL with \(names[.executeOpsQLQuery])\(examples).")
        }
        lines.append("If a tool says the connection is not configured, tell the user which variables to set.")
        return lines.joined(separator: " ")
    }
}
