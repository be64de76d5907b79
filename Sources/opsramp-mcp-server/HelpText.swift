import OpsRampConfiguration

/// `--help` output; its variable list comes from `ConfigurationVariable` (the README table and `.env.example`
/// are kept in agreement with it by `ConfigurationDocumentationTests`).
enum HelpText {
    static var text: String {
        var lines = [
            "\(ServerVersion.name) \(ServerVersion.current): an MCP server (stdio) with read access to HPE OpsRamp.",
            "",
            "Usage: \(ServerVersion.name) [options]",
            "",
            "With no options it serves MCP over stdin/stdout; an MCP host (Claude Desktop, Claude Code,",
            "VS Code, Cursor) starts it. Logs go to stderr.",
            "",
            "Options:",
            "  --demo                Serve a built-in demo tenant instead of OpsRamp: sample data (every answer says",
            "                        so) through the real code path, on 127.0.0.1 inside this process; no account,",
            "                        no network. Ignores OpsRamp settings and settings files; keeps OPSRAMP_MCP_* and",
            "                        \(ConfigurationVariable.timeZone.name). Works with --check, --list-tools and --print-host-config.",
            "  --env-file PATH       Read variables from PATH (default: .env in the working directory, if present).",
            "                        Real environment variables win over the file.",
            "  --check               Check the set-up step by step: settings, tool selection, a token, the",
            "                        release-version endpoint (a warning where a pod lacks it) and an alert search",
            "                        in the tenant; print each step as it ends, with a fix for any failure.",
            "                        Exit 0 if no step fails.",
            "  --list-tools          Print the tools (after --tools/--exclude-tools) with a one-line description.",
            "  --print-host-config HOST",
            "                        Print the JSON that adds this binary to HOST (\(HostKind.names)),",
            "                        with its absolute path and the settings found; the client secret is never",
            "                        included (settings files are referenced with --env-file). Notes go to stderr.",
            "  --tools a,b           Expose only these tools (overrides \(ConfigurationVariable.tools.name)).",
            "  --exclude-tools a,b   Hide these tools (overrides \(ConfigurationVariable.excludeTools.name)).",
            "  -V, --version         Print the version, commit and build date, and exit.",
            "  -h, --help            Print this help and exit.",
            "",
            "Environment variables:",
        ]
        for variable in ConfigurationVariable.allCases {
            let fallback = variable.defaultValue.map { " [default: \($0)]" } ?? ""
            lines.append("  \(variable.name)")
            lines.append("      \(variable.summary)\(fallback)")
        }
        lines.append("")
        lines.append("Proxies: libcurl takes HTTPS_PROXY, http_proxy, ALL_PROXY and NO_PROXY from the environment (Linux).")
        lines.append("")
        lines.append("Exit status: 0 on success or end of input, 1 when --check finds a problem (or --list-tools finds")
        lines.append("no tools), 2 on a usage error.")
        lines.append("")
        lines.append("Examples:")
        lines.append("  \(ServerVersion.name) --demo --check")
        lines.append("      see the server work on the demo tenant, without an OpsRamp account")
        lines.append("  \(ServerVersion.name) --demo --print-host-config claude-desktop")
        lines.append("      print the Claude Desktop entry that starts the demo")
        lines.append("  \(ServerVersion.name) --env-file ~/.config/opsramp.env --check")
        lines.append("      check a settings file before giving it to a host")
        lines.append("  \(ServerVersion.name) --env-file ~/.config/opsramp.env --print-host-config claude-desktop")
        lines.append("      print the Claude Desktop entry that starts this binary with that file")
        lines.append("  \(ServerVersion.name) --list-tools --exclude-tools execute_opsql_query")
        lines.append("      see which tools a host would get without OpsQL")
        lines.append("  \(ConfigurationVariable.caBundle.name)=/etc/ssl/corp-ca.pem HTTPS_PROXY=http://proxy.corp:3128 \(ServerVersion.name) --check")
        lines.append("      check the connection through a corporate proxy that inspects TLS")
        return lines.joined(separator: "\n")
    }
}
