import Foundation
import OpsRampLogging
import OpsRampSecrets

/// The settings needed to call the OpsRamp API; exists only when all of them are valid.
public struct OpsRampConnection: Sendable {
    /// Scheme, host, optional port and path prefix; never ends with `/`.
    public let baseURL: URL
    public let tenantID: String
    public let clientID: String
    public let clientSecret: Secret
    /// Starts with `/`.
    public let tokenPath: String
    /// How long one HTTP request may take (`OPSRAMP_REQUEST_TIMEOUT`, given in seconds).
    public let requestTimeout: Duration
}

/// Where links into the OpsRamp portal point.
public struct PortalSettings: Sendable {
    /// The portal's root, e.g. `https://acme.app.opsramp.com`; `nil` when neither set nor derivable.
    public let portalURL: URL?
    /// True when `portalURL` was derived from the API base URL rather than set.
    public let portalURLDerived: Bool
    public let alertDashboardID: String?
}

/// Which tools to expose and under which names.
public struct ToolSelection: Sendable {
    /// Only these tools, when set.
    public let include: [String]?
    public let exclude: [String]
    public let prefix: String

    public init(include: [String]?, exclude: [String], prefix: String) {
        self.include = include
        self.exclude = exclude
        self.prefix = prefix
    }
}

/// Every setting of the server, loaded once at start-up and passed down; nothing else reads
/// the environment. Problems do not stop the server: the API tools report them when called.
public struct Configuration: Sendable {
    public enum Defaults {
        public static let tokenPath = "/tenancy/auth/oauth/token"
        /// In seconds, as `OPSRAMP_REQUEST_TIMEOUT` gives it.
        static let requestTimeout: Double = 30
        static let maxResultBytes = 40_000
        static let maxResponseBytes = 32 * 1024 * 1024
        static let maxRetries = 3
        /// OpsRamp's limit of paginated GETs per minute for a client (reference §4).
        static let pagedSearchesPerMinute = 50
    }

    public let connection: OpsRampConnection?
    /// Why `connection` is `nil`.
    public let connectionProblems: [ConfigurationProblem]
    public let portal: PortalSettings
    public let logLevel: LogLevel
    public let logFile: String?
    public let maxResultBytes: Int
    public let maxResponseBytes: Int
    public let maxRetries: Int
    /// Most paged searches the server sends a minute (OpsRamp's limit for the tenant).
    public let pagedSearchesPerMinute: Int
    public let toolSelection: ToolSelection
    /// Proxy (as libcurl will choose it) and CA bundle.
    public let network: NetworkSettings
    /// The zone for times without one, dates, `today` and `yesterday`; `timeZone.problem` says
    /// when it is not the zone asked for.
    public let timeZone: OperatorTimeZone
    /// Settings that were ignored because they are invalid; logged at start-up.
    public let warnings: [ConfigurationProblem]
    /// The `.env` file that was read, if any.
    public let environmentFile: String?

    /// Loads from the process environment and an optional `.env` file; real environment variables win.
    /// A file the user named (`explicit`) must parse completely; a `.env` that is merely in the
    /// working directory (perhaps a project's own) has its unreadable lines skipped with a warning.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        environmentFile: String?, explicit: Bool = true
    ) throws -> Configuration {
        var merged: [String: String] = [:]
        var skipped: [ConfigurationProblem] = []
        var environmentFile = environmentFile
        if let path = environmentFile {
            let contents: EnvironmentFile.Contents
            do {
                contents = try EnvironmentFile.load(path: path, lenient: !explicit)
            } catch let error as EnvironmentFile.ParseError where !explicit {
                // Not ours to insist on: a project's .env that cannot be read is passed over.
                contents = EnvironmentFile.Contents(values: [:], skipped: [])
                skipped.append(ConfigurationProblem(variable: path, message: "skipped \(path): \(error.reason)"))
                environmentFile = nil
            }
            merged = contents.values
            skipped += contents.skipped.map { ConfigurationProblem(variable: path, message: "skipped \($0)") }
            skipped += fileWarnings(contents, path: path)
            if !explicit, environment[ConfigurationVariable.clientSecret.name] != nil {
                // The host supplied the secret; a .env that merely sits in the (possibly untrusted)
                // project folder must not decide where that secret is sent or where logs are written.
                for variable in ConfigurationVariable.redirecting where merged.removeValue(forKey: variable.name) != nil {
                    skipped.append(
                        ConfigurationProblem(
                            variable: variable.name,
                            message: "ignored \(variable.name) from \(path): the client secret comes from the environment, "
                                + "so only the environment (or --env-file) may set it"))
                }
            }
        }
        if let environmentFile, explicit {
            // libcurl reads proxies from the process environment only; a file cannot set them.
            // (A project's own .env may well hold a proxy for the project: no warning for that one.)
            for name in merged.keys.sorted() where NetworkSettings.allProxyVariables.contains(name) && environment[name] == nil {
                skipped.append(
                    ConfigurationProblem(
                        variable: name,
                        message: "\(name) in \(environmentFile) is not used: proxies come from the environment (the MCP host's env block)"))
            }
        }
        for (key, value) in environment { merged[key] = value }
        return Configuration(values: merged, environmentFile: environmentFile, fileWarnings: skipped, processEnvironment: environment)
    }

    /// Warnings about the settings file itself: a symbolic link (the file that is read is somewhere
    /// else), or a file holding the secret that other users may read or change.
    static func fileWarnings(_ contents: EnvironmentFile.Contents, path: String) -> [ConfigurationProblem] {
        var warnings: [ConfigurationProblem] = []
        if contents.file.isSymbolicLink {
            warnings.append(
                ConfigurationProblem(
                    variable: path,
                    message: "\(path) is a symbolic link; the settings come from the file it points to (check that is the one you mean)"))
        }
        if contents.file.isOpenToOthers, contents.values[ConfigurationVariable.clientSecret.name] != nil {
            warnings.append(
                ConfigurationProblem(
                    variable: path,
                    message: "\(path) holds \(ConfigurationVariable.clientSecret.name) and is readable or writable by other users; "
                        + "run chmod 600 \(path)"))
        }
        return warnings
    }

    /// Builds and validates the configuration from already-merged variables.
    /// `processEnvironment` is where proxies are read from (libcurl reads only the real environment); by default `values`.
    /// Without `TZ` the machine's zone is the one `/etc/localtime` links to, else Foundation's.
    public init(
        values: [String: String], environmentFile: String? = nil, fileWarnings: [ConfigurationProblem] = [],
        processEnvironment: [String: String]? = nil
    ) {
        self.init(
            values: values, environmentFile: environmentFile, fileWarnings: fileWarnings, processEnvironment: processEnvironment,
            systemTimeZoneName: OperatorTimeZone.linkedSystemZoneName(), systemTimeZone: TimeZone.current)
    }

    /// As above, with `systemTimeZone` as the machine's zone when `TZ` is not set (for tests).
    public init(
        values: [String: String], environmentFile: String? = nil, fileWarnings: [ConfigurationProblem] = [],
        processEnvironment: [String: String]? = nil, systemTimeZone: @autoclosure () -> TimeZone?
    ) {
        self.init(
            values: values, environmentFile: environmentFile, fileWarnings: fileWarnings, processEnvironment: processEnvironment,
            systemTimeZoneName: nil, systemTimeZone: systemTimeZone())
    }

    private init(
        values: [String: String], environmentFile: String?, fileWarnings: [ConfigurationProblem],
        processEnvironment: [String: String]?, systemTimeZoneName: @autoclosure () -> String?,
        systemTimeZone: @autoclosure () -> TimeZone?
    ) {
        var reader = VariableReader(values: values)
        self.environmentFile = environmentFile

        let allowInsecure = reader.flag(.allowInsecureHTTP)
        let base = reader.url(
            .baseURL, allowInsecure: allowInsecure, required: true,
            hint: "set it to your OpsRamp API URL, e.g. https://acme.api.opsramp.com")
        if let base, let problem = OpsRampHosts.baseURLProblem(base) {
            // Named before any request: the portal, or an API path the server would add a second time.
            reader.connectionProblems.append(ConfigurationProblem(variable: ConfigurationVariable.baseURL.name, message: problem))
        }
        let tenant = reader.identifier(.tenantID, hint: "set it to your client or partner id (a UUID, or client_1234)")
        let clientID = reader.required(.clientID, hint: "create a custom integration with OAuth2 in OpsRamp and copy its Key")
        let secret = reader.required(.clientSecret, hint: "copy the Secret of the same custom integration")
        let tokenPath = reader.path(.tokenPath, default: Defaults.tokenPath)
        let timeout = reader.number(.requestTimeout, default: Defaults.requestTimeout, range: 1...300)
        let caBundle = reader.certificateBundle(home: values["HOME"])
        let proxies = VariableReader.networkProxies(environment: processEnvironment ?? values)
        network = NetworkSettings(caBundle: caBundle, httpsProxy: proxies.https, httpProxy: proxies.http, noProxy: proxies.noProxy)

        if let base, let tenant, let clientID, let secret, reader.connectionProblems.isEmpty {
            connection = OpsRampConnection(
                baseURL: base, tenantID: tenant, clientID: clientID,
                clientSecret: Secret(secret), tokenPath: tokenPath, requestTimeout: .seconds(timeout))
        } else {
            connection = nil
            if let secret { _ = Secret(secret) } // still registered for redaction
        }
        connectionProblems = reader.connectionProblems

        let explicitPortal = reader.url(.portalURL, allowInsecure: allowInsecure, required: false, hint: "")
        let derivedPortal = explicitPortal == nil ? base.flatMap(Self.portalURL(derivedFrom:)) : nil
        portal = PortalSettings(
            portalURL: explicitPortal ?? derivedPortal,
            portalURLDerived: explicitPortal == nil && derivedPortal != nil,
            alertDashboardID: reader.optionalIdentifier(.alertDashboardID))

        logLevel = reader.logLevel()
        logFile = reader.optional(.logFile)
        maxResultBytes = Int(reader.number(.maxResultBytes, default: Double(Defaults.maxResultBytes), range: 2_000...10_000_000))
        maxResponseBytes = Int(reader.number(.maxResponseBytes, default: Double(Defaults.maxResponseBytes), range: 1_024...1_073_741_824))
        maxRetries = Int(reader.number(.maxRetries, default: Double(Defaults.maxRetries), range: 0...10))
        pagedSearchesPerMinute = Int(
            reader.number(
                .pagedSearchesPerMinute, default: Double(Defaults.pagedSearchesPerMinute),
                range: 1...100_000))
        toolSelection = ToolSelection(
            include: reader.list(.tools),
            exclude: reader.list(.excludeTools) ?? [],
            prefix: reader.optional(.toolPrefix) ?? "")
        // A zone that cannot be read is reported through `timeZone.problem`, not `warnings`: it changes answers.
        timeZone = OperatorTimeZone.resolve(
            setting: reader.optional(.timeZone), tz: values["TZ"].flatMap { $0.isEmpty ? nil : $0 },
            systemName: systemTimeZoneName, system: systemTimeZone)
        warnings = fileWarnings + reader.warnings
    }

    /// `https://acme.api.opsramp.com` -> `https://acme.app.opsramp.com`; other hosts are not guessed.
    static func portalURL(derivedFrom base: URL) -> URL? {
        guard let host = base.host, host.hasSuffix(".api.opsramp.com") else { return nil }
        let tenantPart = host.dropLast(".api.opsramp.com".count)
        guard !tenantPart.isEmpty else { return nil }
        var components = URLComponents()
        components.scheme = "https"
        components.host = "\(tenantPart).app.opsramp.com"
        return components.url
    }
}
