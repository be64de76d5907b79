/// The MCP hosts `--print-host-config` writes a snippet for, each with its file format and place.
enum HostKind: String, CaseIterable, Sendable {
    case claudeDesktop = "claude-desktop"
    case claudeCode = "claude-code"
    case vscode
    case cursor

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Where the snippet goes, for the note on stderr. `secretPrompt`: the VS Code entry asks for the secret.
    func placement(secretPrompt: Bool) -> [String] {
        switch self {
        case .claudeDesktop:
            [
                "Merge this into claude_desktop_config.json (Claude Desktop: Settings > Developer > Edit Config):",
                "  macOS: ~/Library/Application Support/Claude/claude_desktop_config.json",
                "  Windows: %APPDATA%\\Claude\\claude_desktop_config.json",
                "then quit and reopen Claude Desktop. Its MCP logs: ~/Library/Logs/Claude/mcp-server-<name>.log (macOS),",
                "%APPDATA%\\Claude\\logs\\ (Windows).",
            ]
        case .claudeCode:
            [
                "Save this as .mcp.json in your project's root folder (project scope: shared with everyone who opens",
                "the project). Check with: claude mcp list. Logs: claude --debug.",
            ]
        case .vscode:
            [
                "Save this as .vscode/mcp.json in your workspace (or run \"MCP: Open User Configuration\" for all",
                "workspaces and merge it there)." + (secretPrompt ? " VS Code asks for the secret once and stores it." : ""),
                "Logs: the MCP server's output channel (\"MCP: List Servers\" > Show Output).",
            ]
        case .cursor:
            [
                "Merge this into ~/.cursor/mcp.json (all projects) or .cursor/mcp.json (one project), then enable the",
                "server under Cursor Settings > MCP. Logs: the Output panel, channel \"MCP Logs\".",
            ]
        }
    }
}
