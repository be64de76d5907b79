/// What the command line asked for.
struct CommandLineOptions: Equatable {
    enum Mode: Equatable {
        case serve
        case help
        case version
        case check
        case listTools
    }

    var mode: Mode = .serve
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
            switch name {
            case "-h", "--help": try noValue(); options.mode = .help
            case "-V", "--version": try noValue(); options.mode = .version
            case "--check": try noValue(); options.mode = .check
            case "--list-tools": try noValue(); options.mode = .listTools
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
