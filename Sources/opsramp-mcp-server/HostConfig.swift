import Foundation
import OpsRampConfiguration

/// `--print-host-config HOST`: the snippet that starts this very binary with the settings it
/// found, so the paths in a host's configuration are right by construction.
///
/// The client secret's value is never part of it: settings in a file are referenced with
/// `--env-file`, and a secret that came from the environment becomes a placeholder (or, for
/// VS Code, a password prompt).
struct HostConfig {
    let host: HostKind
    /// Absolute path of this binary.
    let executable: String
    /// Absolute path of the settings file the server read, if any.
    let environmentFile: String?
    /// Arguments after the binary (`--env-file`, `--tools`, ...).
    let arguments: [String]
    /// Settings for the snippet's `env` block, in a stable order, without secrets.
    let environment: [(String, String)]
    /// True when the secret comes from the `env` block (a placeholder or a VS Code input).
    let secretInEnvironment: Bool
    /// Required settings found nowhere; they appear as placeholders.
    let missing: [String]
    let serverName: String
    /// The entry starts the demo (`--demo`).
    let isDemo: Bool

    static let secretInputID = "opsramp-client-secret"

    /// What the snippet holds for a setting the user must fill in; the server refuses such a value
    /// with a message saying it is still a placeholder (see `Configuration.isPlaceholder`).
    static func placeholder(for variable: ConfigurationVariable) -> String {
        switch variable {
        case .baseURL: "<your OpsRamp API URL, e.g. https://acme.api.opsramp.com>"
        case .tenantID: "<your tenant id: client_1234, msp_1234 or a UUID>"
        case .clientID: "<the Key of your OpsRamp custom integration>"
        case .clientSecret: "<the Secret of your OpsRamp custom integration>"
        default: "<\(variable.name)>"
        }
    }

    /// Gathers what the snippet needs from the command line, the settings file and the environment.
    /// `--print-host-config` itself and `--env-file` are not repeated: the file is referenced absolutely.
    init(
        host: HostKind, executable: String, options: CommandLineOptions, configuration: Configuration,
        environment processEnvironment: [String: String], workingDirectory: String
    ) {
        if options.demo {
            self = HostConfig(
                demoFor: host, executable: executable, options: options, configuration: configuration,
                environment: processEnvironment)
            return
        }
        self.host = host
        self.executable = executable
        isDemo = false
        var arguments: [String] = []
        var fileValues: [String: String] = [:]
        var file: String?
        if let path = configuration.environmentFile {
            let absolute = path.hasPrefix("/") ? path : URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).standardized.path
            file = absolute
            arguments += ["--env-file", absolute]
            fileValues = (try? EnvironmentFile.load(path: absolute, lenient: true).values) ?? [:]
        }
        environmentFile = file
        if let tools = options.tools { arguments += ["--tools", tools] }
        if let exclude = options.excludeTools { arguments += ["--exclude-tools", exclude] }
        self.arguments = arguments

        func isSet(_ name: String, in values: [String: String]) -> Bool {
            !(values[name]?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        }
        var entries: [(String, String)] = []
        var missing: [String] = []
        for variable in ConfigurationVariable.allCases where variable != .clientSecret {
            if isSet(variable.name, in: processEnvironment), let value = processEnvironment[variable.name] {
                entries.append((variable.name, value))
            } else if ConfigurationVariable.required.contains(variable), !isSet(variable.name, in: fileValues) {
                entries.append((variable.name, Self.placeholder(for: variable)))
                missing.append(variable.name)
            }
        }
        // A host started from a desktop does not inherit the shell's proxy settings: carry them over.
        for name in NetworkSettings.environmentVariables where isSet(name, in: processEnvironment) {
            let value = processEnvironment[name] ?? ""
            entries.append((name, value.contains("@") ? "<\(name) with its credentials>" : value))
        }
        let secretName = ConfigurationVariable.clientSecret.name
        // A secret in the file stays there: an env entry would override it with a placeholder.
        secretInEnvironment = !isSet(secretName, in: fileValues)
        if !isSet(secretName, in: processEnvironment), !isSet(secretName, in: fileValues) { missing.append(secretName) }
        self.environment = entries
        self.missing = missing

        let prefix = configuration.toolSelection.prefix.trimmingCharacters(in: CharacterSet(charactersIn: "_-"))
        serverName = prefix.isEmpty ? "opsramp" : "opsramp-\(prefix)"
    }

    /// The entry that starts the demo: `--demo` and the settings the demo keeps (`DemoMode.keeps`), nothing
    /// to fill in, and a server name of its own so that it can sit beside the real one.
    private init(
        demoFor host: HostKind, executable: String, options: CommandLineOptions, configuration: Configuration,
        environment processEnvironment: [String: String]
    ) {
        self.host = host
        self.executable = executable
        isDemo = true
        environmentFile = nil
        var arguments = ["--demo"]
        if let tools = options.tools { arguments += ["--tools", tools] }
        if let exclude = options.excludeTools { arguments += ["--exclude-tools", exclude] }
        self.arguments = arguments
        environment = ConfigurationVariable.allCases.compactMap { variable in
            guard DemoMode.keeps(variable), let value = processEnvironment[variable.name],
                !value.trimmingCharacters(in: .whitespaces).isEmpty
            else { return nil }
            return (variable.name, value)
        }
        secretInEnvironment = false
        missing = []
        let prefix = configuration.toolSelection.prefix.trimmingCharacters(in: CharacterSet(charactersIn: "_-"))
        serverName = prefix.isEmpty ? "opsramp-demo" : "opsramp-\(prefix)-demo"
    }

    /// The secret's entry in the `env` block: a prompt in VS Code, a placeholder elsewhere.
    private var secretValue: String {
        host == .vscode ? "${input:\(Self.secretInputID)}" : Self.placeholder(for: .clientSecret)
    }

    /// The server's own entry (what sits under `mcpServers` or `servers`).
    var serverEntry: SnippetJSON {
        var members: [(String, SnippetJSON)] = []
        if host == .vscode || host == .claudeCode { members.append(("type", .string("stdio"))) }
        members.append(("command", .string(executable)))
        members.append(("args", .array(arguments.map(SnippetJSON.string))))
        var env = environment.map { ($0.0, SnippetJSON.string($0.1)) }
        if secretInEnvironment { env.append((ConfigurationVariable.clientSecret.name, .string(secretValue))) }
        members.append(("env", .object(env)))
        return .object(members)
    }

    /// The whole document for the host's configuration file.
    var snippet: SnippetJSON {
        switch host {
        case .vscode:
            var members: [(String, SnippetJSON)] = []
            if secretInEnvironment {
                members.append(
                    (
                        "inputs",
                        .array([
                            .object([
                                ("type", .string("promptString")),
                                ("id", .string(Self.secretInputID)),
                                ("description", .string("OpsRamp client secret (the Secret of the custom integration)")),
                                ("password", .bool(true)),
                            ])
                        ])
                    ))
            }
            members.append(("servers", .object([(serverName, serverEntry)])))
            return .object(members)
        case .claudeDesktop, .claudeCode, .cursor:
            return .object([("mcpServers", .object([(serverName, serverEntry)]))])
        }
    }
}
