import Configuration

/// `--help` output, written from the same variable list as the README table.
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
            "  --env-file PATH       Read variables from PATH (default: .env in the working directory, if present).",
            "                        Real environment variables win over the file.",
            "  --check               Check the configuration: load it, fetch a token, call the release-version",
            "                        endpoint, and print each step with a fix for any failure. Exit 0 if all pass.",
            "  --list-tools          Print the tools (after --tools/--exclude-tools) and exit.",
            "  --tools a,b           Expose only these tools (overrides OPSRAMP_MCP_TOOLS).",
            "  --exclude-tools a,b   Hide these tools (overrides OPSRAMP_MCP_EXCLUDE_TOOLS).",
            "  -V, --version         Print the version and exit.",
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
        lines.append("Exit status: 0 on success or end of input, 1 when --check finds a problem, 2 on a usage error.")
        return lines.joined(separator: "\n")
    }
}
