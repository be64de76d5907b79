import OpsRampConfiguration
import OpsRampMCP

/// The tools this server offers, by their names before any prefix.
public enum ToolName: String, CaseIterable, Sendable {
    case getAlerts = "get_alerts"
    case getMinimalResourceDetails = "get_minimal_resource_details"
    case executeOpsQLQuery = "execute_opsql_query"
    case getQueryExamples = "get_query_examples"
    case getAlertStatisticsDashboard = "get_alert_statistics_dashboard"
    case getReleaseVersion = "get_release_version"
}

/// The names the tools go by in this server (`OPSRAMP_MCP_TOOL_PREFIX` applied) and which of them
/// are exposed. Every description, hint, prompt and instruction that names a tool asks this resolver,
/// so a prefixed server never points the model at a name it does not serve.
public struct ToolNames: Sendable {
    public let prefix: String
    /// The tools left by `OPSRAMP_MCP_TOOLS` / `OPSRAMP_MCP_EXCLUDE_TOOLS`.
    public let exposed: Set<ToolName>

    public init(prefix: String = "", exposed: Set<ToolName> = Set(ToolName.allCases)) {
        self.prefix = prefix
        self.exposed = exposed
    }

    /// The name `tool` is called by.
    public subscript(_ tool: ToolName) -> String { prefix + tool.rawValue }

    func isExposed(_ tool: ToolName) -> Bool { exposed.contains(tool) }

    /// The name of `tool` when this server serves it; `nil` when the selection left it out, so that
    /// text pointing at it is left out or says something else, and no `next` targets it.
    public func available(_ tool: ToolName) -> String? { isExposed(tool) ? self[tool] : nil }

    /// The served names among `tools`, in order, joined with "and" (`nil` when none is served).
    func listing(_ tools: [ToolName], joiner: String = "and") -> String? {
        let served = tools.compactMap(available)
        guard let last = served.last else { return nil }
        return served.count == 1 ? last : served.dropLast().joined(separator: ", ") + " \(joiner) " + last
    }

    /// Why `prefix` cannot be used (a full tool name would break MCP's naming rules), or `nil`.
    public static func problem(withPrefix prefix: String) -> String? {
        let longest = ToolName.allCases.map(\.rawValue).max { $0.count < $1.count } ?? ""
        guard let problem = ToolNameRules.problem(with: prefix + longest) else { return nil }
        return "\(ConfigurationVariable.toolPrefix.name) \"\(prefix)\" cannot be used: with it, \(problem). "
            + "Use at most \(ToolNameRules.maximumLength - longest.count) letters, digits, _, - or ., e.g. prod_"
    }

    /// A warning for a prefix that is valid but that some hosts refuse (the Claude API and Windsurf
    /// accept no `.` in tool names); `nil` when there is nothing to say.
    public static func warning(forPrefix prefix: String) -> String? {
        guard prefix.contains(".") else { return nil }
        return "\(ConfigurationVariable.toolPrefix.name) \"\(prefix)\" holds a '.', which MCP allows but some hosts and model APIs refuse "
            + "in tool names; prefer _ or -"
    }
}
