import Configuration
import Foundation
import HTTP
import Logging
import MCP
import OpsRampAPI
import OpsRampTools

/// Builds the running parts from the configuration: logger, OpsRamp client, tools.
struct ServerAssembly {
    let configuration: Configuration
    let logBackend: LogBackend
    let client: OpsRampClient?
    let registry: ToolRegistry

    enum Failure: Error {
        case usage(String)
    }

    init(options: CommandLineOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var variables = environment
        if let tools = options.tools { variables[ConfigurationVariable.tools.name] = tools }
        if let exclude = options.excludeTools { variables[ConfigurationVariable.excludeTools.name] = exclude }

        let environmentFile = try Self.environmentFile(explicit: options.environmentFile)
        do {
            configuration = try Configuration.load(environment: variables, environmentFile: environmentFile)
        } catch {
            throw Failure.usage("cannot read the environment file: \(error)")
        }

        logBackend = LogBackend(level: configuration.logLevel)
        if let path = configuration.logFile {
            do {
                try logBackend.openFile(atPath: path)
            } catch {
                Logger(label: "main", backend: logBackend).warning("\(error); logging to stderr only")
            }
        }

        if let connection = configuration.connection {
            client = OpsRampClient(
                connection: connection,
                transport: URLSessionTransport(),
                retry: RetryPolicy(maxRetries: configuration.maxRetries),
                maximumResponseBytes: configuration.maxResponseBytes,
                userAgent: "\(ServerVersion.name)/\(ServerVersion.current)",
                logger: Logger(label: "opsramp", backend: logBackend))
        } else {
            client = nil
        }

        let toolEnvironment = ToolEnvironment(
            client: client,
            connectionProblems: configuration.connectionProblems,
            portal: configuration.portal,
            maxResultBytes: configuration.maxResultBytes)
        do {
            registry = try OpsRampToolbox.registry(toolEnvironment, selection: configuration.toolSelection)
        } catch {
            throw Failure.usage("\(error)")
        }
    }

    /// `--env-file PATH` must exist; otherwise `.env` in the working directory is used when present.
    private static func environmentFile(explicit: String?) throws -> String? {
        if let explicit {
            guard FileManager.default.isReadableFile(atPath: explicit) else {
                throw Failure.usage("--env-file \(explicit): no readable file there")
            }
            return explicit
        }
        return FileManager.default.isReadableFile(atPath: ".env") ? ".env" : nil
    }

    /// Start-up notes on stderr: where settings came from and what is missing, never the values of secrets.
    func logStartup() {
        let logger = Logger(label: "main", backend: logBackend)
        logger.info("\(ServerVersion.name) \(ServerVersion.current) starting; \(registry.tools.count) tools"
            + (configuration.environmentFile.map { "; settings from environment and \($0)" } ?? ""))
        for warning in configuration.warnings { logger.warning(warning.message) }
        if let connection = configuration.connection {
            logger.info("OpsRamp API \(connection.baseURL.absoluteString), tenant \(connection.tenantID)")
        } else {
            for problem in configuration.connectionProblems { logger.warning("API tools unavailable: \(problem.message)") }
        }
    }
}
