/// What the command line asked for.
struct CommandLineOptions: Equatable {
    enum Mode: Equatable {
        case serve
        case help
        case version
        case check
        case listTools
        case printHostConfig(HostKind)
    }

    var mode: Mode = .serve
    /// `--demo`: serve (or check, list, print a host entry for) the built-in demo tenant.
    var demo = false
    var environmentFile: String?
    /// `--tools a,b`: overrides OPSRAMP_MCP_TOOLS.
    var tools: String?
    /// `--exclude-tools a,b`: overrides OPSRAMP_MCP_EXCLUDE_TOOLS.
    var excludeTools: String?

    struct UsageError: Error, Equatable {
        let message: String
    }

    /// Parses the arguments after the program name; `--name value` and `--name=value` both work.
    static func parse(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
                    throw UsageError(message: "\(name) needs a value")
                }
                return next
            }
            func noValue() throws(UsageError) {
                if inlineValue != nil { throw UsageError(message: "\(name) takes no value") }
            }
            func set(_ mode: Mode) throws(UsageError) {
                try noValue()
                guard options.mode == .serve || options.mode == mode else {
                    throw UsageError(message: "choose one of --check, --list-tools, --print-host-config, --help, --version")
                }
                options.mode = mode
            }
            switch name {
            case "-h", "--help": try set(.help)
            case "-V", "--version": try set(.version)
            case "--check": try set(.check)
            case "--list-tools": try set(.listTools)
            case "--print-host-config":
                let host = try value()
                guard let kind = HostKind(rawValue: host) else {
                    throw UsageError(message: "--print-host-config: unknown host \(host); choose one of \(HostKind.names)")
                }
                inlineValue = nil
                try set(.printHostConfig(kind))
            case "--demo":
                try noValue()
                options.demo = true
            case "--env-file": options.environmentFile = try value()
            case "--tools": options.tools = try value()
            case "--exclude-tools": options.excludeTools = try value()
            default:
                throw UsageError(message: "unknown option \(argument)")
            }
        }
        return options
    }
}
