import Configuration
import MCP

/// Assembles the OpsRamp tools into a registry, applying the user's tool selection and prefix.
public enum OpsRampToolbox {
    /// Every tool, in the order `tools/list` shows them.
    public static func allTools(_ environment: ToolEnvironment) -> [Tool] {
        [
            GetAlerts.make(environment),
            GetMinimalResourceDetails.make(environment),
            ExecuteOpsQLQuery.make(environment),
            GetQueryExamples.make(),
            GetAlertStatisticsDashboard.make(environment),
            GetReleaseVersion.make(environment),
        ]
    }

    public static var toolNames: [String] {
        ["get_alerts", "get_minimal_resource_details", "execute_opsql_query", "get_query_examples",
         "get_alert_statistics_dashboard", "get_release_version"]
    }

    /// The registry after tool selection and the name prefix. Selection uses the unprefixed
    /// names; names that match no tool are returned for the caller to report.
    public static func registry(_ environment: ToolEnvironment, selection: ToolSelection) -> (registry: ToolRegistry, unknown: [String]) {
        let tools = allTools(environment)
        let known = Set(tools.map(\.name))
        let unknown = ((selection.include ?? []) + selection.exclude).filter { !known.contains($0) }
        let chosen = tools.filter { tool in
            (selection.include.map { $0.contains(tool.name) } ?? true) && !selection.exclude.contains(tool.name)
        }
        let registry = ToolRegistry(chosen.map { selection.prefix.isEmpty ? $0 : $0.renamed(selection.prefix + $0.name) })
        return (registry, unknown)
    }

    /// Guidance sent to the model in `initialize`.
    public static let instructions = """
        Read-only access to HPE OpsRamp monitoring. For alerts use get_alerts (filters: states, priorities, since such as \
        "1h", "today" or "2026-12-01T07:00" (times without a zone are in the operator's time zone), actions such as \
        OPEN, resource_ids); for an overview of what needs attention start with \
        get_alert_statistics_dashboard; to find devices use get_minimal_resource_details. Before writing OpsQL for \
        execute_opsql_query, call get_query_examples and adapt an example. If a tool says the connection is not \
        configured, tell the user which variables to set. Results are compact JSON; when a result says more data \
        exists, narrow the filters or ask for the next page instead of raising limits.
        """
}
