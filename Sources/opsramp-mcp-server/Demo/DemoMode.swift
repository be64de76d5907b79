import FakeOpsRamp
import OpsRampConfiguration
import OpsRampJSON
import OpsRampMCP
import OpsRampTools

/// What `--demo` changes besides where requests go: which settings it keeps, and what it tells
/// the model and the user about the data.
enum DemoMode {
    /// On every tool result, errors included (`Tool.withNotice`).
    static let notice =
        "DEMO: sample data from the demo tenant built into opsramp-mcp-server (--demo), "
        + "not from a real OpsRamp tenant; every alert, resource and client in it is invented."

    /// Bytes the notice adds to a result (`"notice":"…",` with JSON escaping), kept free of the result budget
    /// so that demo answers stay within OPSRAMP_MCP_MAX_RESULT_BYTES like any other.
    static let noticeBytes = JSONWriter.bytes(.object([Tool.noticeKey: .string(notice)])).count

    static let title = "HPE OpsRamp (demo: sample data)"

    /// Put before the usual instructions (which name the tools as exposed), so the model reads it first.
    static func instructions(_ names: ToolNames) -> String {
        """
        DEMO MODE: this server answers from a built-in sample tenant (a partner tenant, \(FakeData.demoTenantID), with \
        four invented clients), not from OpsRamp. Every tool result carries a notice saying so; whenever you report \
        alerts, resources or counts from it, tell the user that they are sample data. The tools, filters and \
        answers work exactly as they do against a real tenant. OpsRamp settings are not used in the demo, so it \
        has no portal links; to use a real tenant, the user runs the server without --demo.
        """ + "\n\n" + OpsRampToolbox.instructions(names)
    }

    /// The settings the demo keeps from the environment (all others are replaced or ignored).
    static func keeps(_ variable: ConfigurationVariable) -> Bool {
        switch variable {
        // Where requests go and with what: the demo's own, never the user's.
        case .baseURL, .clientID, .clientSecret, .tenantID, .tokenPath, .requestTimeout, .allowInsecureHTTP, .caBundle:
            false
        // Links into a real portal would point at a tenant the data does not come from.
        case .portalURL, .alertDashboardID:
            false
        // How this server behaves and logs, and how the operator reads times: the user's.
        case .timeZone, .logLevel, .logFile, .maxResultBytes, .maxResponseBytes, .maxRetries, .pagedSearchesPerMinute, .tools,
            .excludeTools, .toolPrefix, .curlWorkaround:
            true
        }
    }

    /// The settings of a demo run: the kept variables from `environment` (plus `TZ` and `HOME`,
    /// which the time zone and `~/` need) and the demo tenant's connection.
    static func values(environment: [String: String], connection: [String: String]) -> [String: String] {
        var values: [String: String] = [:]
        for variable in ConfigurationVariable.allCases where keeps(variable) {
            values[variable.name] = environment[variable.name]
        }
        for name in ["TZ", "HOME"] { values[name] = environment[name] }
        for (name, value) in connection { values[name] = value }
        return values
    }

    /// Settings in `environment` that the demo ignores, for the start-up log.
    static func ignored(in environment: [String: String]) -> [String] {
        ConfigurationVariable.allCases.filter { !keeps($0) && !(environment[$0.name] ?? "").isEmpty }.map(\.name)
    }
}
