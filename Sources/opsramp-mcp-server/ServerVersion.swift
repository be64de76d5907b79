import OpsRampBuildInfo

/// The one place the version lives: `--version`, `serverInfo` and the User-Agent all read it.
enum ServerVersion {
    static let name = "opsramp-mcp-server"
    static let current = "0.1.0"

    /// The commit the binary was built from, when `scripts/release.sh` recorded it.
    static var commit: String? {
        let value = String(cString: opsramp_build_commit())
        return value.isEmpty ? nil : value
    }

    /// The build time as ISO 8601 (`2026-12-01T10:14:03Z`), when `scripts/release.sh` recorded it.
    static var buildDate: String? {
        formatBuildDate(String(cString: opsramp_build_date()))
    }

    /// `20261201T101403Z` (how the date reaches the C compiler) -> `2026-12-01T10:14:03Z`.
    static func formatBuildDate(_ compact: String) -> String? {
        let characters = Array(compact)
        guard characters.count == 16, characters[8] == "T", characters[15] == "Z",
            characters[0..<8].allSatisfy(\.isASCII), characters[0..<8].allSatisfy(\.isNumber),
            characters[9..<15].allSatisfy(\.isASCII), characters[9..<15].allSatisfy(\.isNumber)
        else { return nil }
        func part(_ range: Range<Int>) -> String { String(characters[range]) }
        return "\(part(0..<4))-\(part(4..<6))-\(part(6..<8))T\(part(9..<11)):\(part(11..<13)):\(part(13..<15))Z"
    }

    /// The `--version` line: version, commit and build date.
    static var versionLine: String {
        if let commit, let buildDate {
            return "\(name) \(current) (commit \(commit), built \(buildDate))"
        }
        return "\(name) \(current) (development build: no commit or build date recorded; scripts/release.sh records them)"
    }
}
