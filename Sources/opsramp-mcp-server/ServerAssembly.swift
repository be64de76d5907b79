import Foundation
import OpsRampAPI
import OpsRampConfiguration
import OpsRampHTTP
import OpsRampLogging
import OpsRampMCP
import OpsRampTools

/// Builds the running parts from the configuration: logger, OpsRamp client, tools.
struct ServerAssembly {
    let configuration: Configuration
    let logBackend: LogBackend
    let client: OpsRampClient?
    let registry: ToolRegistry
    /// What each tool is called (the prefix applied) and which are exposed.
    let names: ToolNames
    /// Problems with the tool selection, logged at start-up.
    let selectionWarnings: [String]
    /// `--demo` was given (the tenant itself runs only when serving or checking).
    let isDemo: Bool
    /// The running demo tenant, when serving or checking with `--demo`.
    let demo: DemoTenant?
    /// What `--demo` set aside, for the start-up log: settings from the environment, and files.
    let demoIgnored: [String]

    enum Failure: Error {
        case usage(String)
    }

    /// With `--demo`, the configuration holds `demo`'s connection and, from `environment`, only the
    /// settings `DemoMode.keeps`; no settings file is read.
    init(
        options: CommandLineOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
        demo: DemoTenant? = nil
    ) throws {
        var variables = environment
        if let tools = options.tools { variables[ConfigurationVariable.tools.name] = tools }
        if let exclude = options.excludeTools { variables[ConfigurationVariable.excludeTools.name] = exclude }

        isDemo = options.demo
        self.demo = options.demo ? demo : nil
        if options.demo {
            var ignored = DemoMode.ignored(in: environment)
            if let file = options.environmentFile { ignored.append("--env-file \(file)") }
            if options.environmentFile == nil, FileManager.default.isReadableFile(atPath: ".env") { ignored.append("./.env") }
            demoIgnored = ignored
            // Proxies are not read: the demo never uses one (see DemoTenant.bypassProxies).
            configuration = Configuration(
                values: DemoMode.values(environment: variables, connection: demo?.connection ?? [:]),
                processEnvironment: [:])
        } else {
            demoIgnored = []
            let environmentFile = try Self.environmentFile(explicit: options.environmentFile, home: environment["HOME"])
            do {
                configuration = try Configuration.load(
                    environment: variables, environmentFile: environmentFile,
                    explicit: options.environmentFile != nil)
            } catch {
                throw Failure.usage("cannot read the environment file: \(error)")
            }
        }

        // A prefix that makes tool names invalid would leave the host with tools it cannot call.
        if let problem = ToolNames.problem(withPrefix: configuration.toolSelection.prefix) {
            throw Failure.usage(problem)
        }

        logBackend = LogBackend(level: configuration.logLevel)
        if let path = configuration.logFile {
            do {
                try logBackend.openFile(atPath: path)
            } catch {
                Logger(label: "main", backend: logBackend).warning("\(error.message); logging to stderr only")
            }
        }

        if let connection = configuration.connection {
            client = OpsRampClient(
                connection: connection,
                transport: URLSessionTransport(certificateAuthorityFile: configuration.network.caBundle),
                retry: RetryPolicy(maxRetries: configuration.maxRetries),
                maximumResponseBytes: configuration.maxResponseBytes,
                userAgent: "\(ServerVersion.name)/\(ServerVersion.current)",
                logger: Logger(label: "opsramp", backend: logBackend),
                rateLimits: [.pagedRead: configuration.pagedSearchesPerMinute])
        } else {
            client = nil
        }

        let toolEnvironment = ToolEnvironment(
            client: client,
            connectionProblems: configuration.connectionProblems,
            portal: configuration.portal,
            maxResultBytes: configuration.maxResultBytes - (options.demo ? DemoMode.noticeBytes : 0),
            timeZone: configuration.timeZone)
        var (registry, unknown) = OpsRampToolbox.registry(toolEnvironment, selection: configuration.toolSelection)
        names = OpsRampToolbox.names(for: configuration.toolSelection).names
        if options.demo { registry = ToolRegistry(registry.tools.map { $0.withNotice(DemoMode.notice) }) }
        var selectionWarnings: [String] = []
        if let warning = ToolNames.warning(forPrefix: configuration.toolSelection.prefix) { selectionWarnings.append(warning) }
        if !unknown.isEmpty {
            let known = OpsRampToolbox.toolNames.joined(separator: ", ")
            // On the command line a typo is a usage error; in a host's settings, serving the other tools is kinder.
            if options.tools != nil || options.excludeTools != nil {
                throw Failure.usage("--tools/--exclude-tools: unknown tool name(s) \(unknown.joined(separator: ", ")); the tools are: \(known)")
            }
            selectionWarnings.append(
                "\(ConfigurationVariable.tools.name)/\(ConfigurationVariable.excludeTools.name) name unknown tool(s) "
                    + "\(unknown.joined(separator: ", ")), ignored; the tools are: \(known)")
        }
        if registry.tools.isEmpty {
            selectionWarnings.append("no tools are exposed: check \(ConfigurationVariable.tools.name) and \(ConfigurationVariable.excludeTools.name)")
        }
        self.registry = registry
        self.selectionWarnings = selectionWarnings
    }

    /// `--env-file PATH` must exist (a leading `~/` means the home folder, as hosts pass paths
    /// unexpanded); otherwise `.env` in the working directory is tried when present.
    private static func environmentFile(explicit: String?, home: String?) throws -> String? {
        if var path = explicit {
            if path.hasPrefix("~/"), let home { path = home + path.dropFirst() }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw Failure.usage("--env-file \(path): no readable file there (give an absolute path)")
            }
            return path
        }
        // Whatever `.env` is (a directory, a FIFO, unreadable), loading it decides; an implicit one never stops the server.
        var status = stat()
        return lstat(".env", &status) == 0 ? ".env" : nil
    }

    /// Who the server says it is in `initialize`: in the demo, the title and instructions say it is sample data.
    var identity: ServerIdentity {
        ServerIdentity(
            name: ServerVersion.name, title: isDemo ? DemoMode.title : "HPE OpsRamp", version: ServerVersion.current,
            instructions: isDemo ? DemoMode.instructions(names) : OpsRampToolbox.instructions(names))
    }

    /// Start-up notes on stderr: where settings came from and what is missing, never the values of secrets.
    func logStartup() {
        let logger = Logger(label: "main", backend: logBackend)
        logger.info(
            "\(ServerVersion.name) \(ServerVersion.current) starting; \(registry.tools.count) tools"
                + (configuration.environmentFile.map { "; settings from environment and \($0)" } ?? ""))
        for warning in configuration.warnings { logger.warning(warning.message) }
        for warning in selectionWarnings { logger.warning(warning) }
        let zone = configuration.timeZone
        logger.info("times without a zone, dates, today and yesterday are read in \(zone.name) (\(zone.origin))")
        if let problem = zone.problem {
            // An unreadable OPSRAMP_TIMEZONE shifts every window by hours: an error, not a mere warning.
            if problem.failsCheck { logger.error(problem.message) } else { logger.warning(problem.message) }
        }
        if let demo {
            logger.notice(
                "demo mode: serving the built-in sample tenant \(demo.tenantID) from \(demo.baseURL) in this process; "
                    + "no request leaves this machine and every answer says it is sample data")
            if !demoIgnored.isEmpty {
                logger.notice("demo mode ignores your OpsRamp settings: \(demoIgnored.joined(separator: ", "))")
            }
            return
        }
        for advice in OpsRampToolbox.portalAdvice(configuration.portal, names: names) { logger.info(advice) }
        if let connection = configuration.connection {
            logger.info("OpsRamp API \(connection.baseURL.absoluteString), tenant \(connection.tenantID)")
            if connection.sendsInClearText {
                logger.warning("\(ConfigurationVariable.baseURL.name) uses plain http:// to another machine: the client secret travels in clear text")
            }
        } else {
            // Each problem says what to set; none holds a secret's value.
            logger.warning(
                "API tools unavailable until the settings are fixed (run with --check for details): "
                    + configuration.connectionProblems.map(\.message).joined(separator: "; "))
        }
    }
}
