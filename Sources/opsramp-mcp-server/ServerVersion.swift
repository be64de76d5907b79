/// The one place the version lives: `--version`, `serverInfo` and the User-Agent all read it.
enum ServerVersion {
    static let name = "opsramp-mcp-server"
    static let current = "0.1.0"
}
