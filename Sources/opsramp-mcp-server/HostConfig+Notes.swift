import OpsRampConfiguration
import OpsRampJSON

extension HostConfig {
    /// What the user should know about the snippet, for stderr (stdout carries only the JSON).
    var notes: [String] {
        var notes = host.placement(secretPrompt: secretInEnvironment)
        if host == .claudeCode {
            let inner = JSONWriter.string(serverEntry.jsonValue).replacingOccurrences(of: "'", with: "'\\''")
            notes.append("For all projects at once (Claude Code's default scope is this project only):")
            notes.append("  claude mcp add-json --scope user \(serverName) '\(inner)'")
        }
        if isDemo {
            notes.append("This entry starts the demo: sample data served inside the server, no OpsRamp account or network needed.")
            notes.append("Ask, for example: \"show me all critical alerts from the last hour\". Once your OpsRamp integration exists,")
            notes.append("run --print-host-config again without --demo (with --env-file) for the real entry.")
        }
        if secretInEnvironment && host != .vscode {
            notes.append("Replace the \(ConfigurationVariable.clientSecret.name) placeholder with the secret, or better: put the settings in a")
            notes.append("file only you can read (chmod 600 ~/.config/opsramp.env) and run --print-host-config again with --env-file")
            notes.append("~/.config/opsramp.env; the snippet then names the file and holds no secret.")
        }
        if !missing.isEmpty {
            notes.append("Not set anywhere yet: \(missing.joined(separator: ", ")). Fill in the placeholders (<...>), then run --check.")
        }
        if executable.contains("/.build/") || executable.contains("/.build-") {
            notes.append("Warning: \(executable) is inside a build folder, which the next build or clean may replace or delete.")
            notes.append("Copy the binary somewhere stable (e.g. ~/.local/bin) and run --print-host-config from there.")
        }
        return notes
    }
}
