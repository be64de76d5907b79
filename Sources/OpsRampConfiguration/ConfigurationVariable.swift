/// Every environment variable the server reads, with its meaning and default.
/// `--help` lists them from this type; the README table and `.env.example` are written by hand and kept in
/// agreement with it by `ConfigurationDocumentationTests` (Tests/ServerTests).
public enum ConfigurationVariable: String, CaseIterable, Sendable {
    case baseURL = "OPSRAMP_BASE_URL"
    case clientID = "OPSRAMP_CLIENT_ID"
    case clientSecret = "OPSRAMP_CLIENT_SECRET"
    case tenantID = "OPSRAMP_TENANT_ID"
    case tokenPath = "OPSRAMP_TOKEN_PATH"
    case requestTimeout = "OPSRAMP_REQUEST_TIMEOUT"
    case portalURL = "OPSRAMP_PORTAL_URL"
    case alertDashboardID = "OPSRAMP_ALERT_DASHBOARD_ID"
    case allowInsecureHTTP = "OPSRAMP_ALLOW_INSECURE_HTTP"
    case caBundle = "OPSRAMP_CA_BUNDLE"
    case timeZone = "OPSRAMP_TIMEZONE"
    case logLevel = "OPSRAMP_MCP_LOG_LEVEL"
    case logFile = "OPSRAMP_MCP_LOG_FILE"
    case maxResultBytes = "OPSRAMP_MCP_MAX_RESULT_BYTES"
    case maxResponseBytes = "OPSRAMP_MCP_MAX_RESPONSE_BYTES"
    case maxRetries = "OPSRAMP_MCP_MAX_RETRIES"
    case pagedSearchesPerMinute = "OPSRAMP_MCP_PAGED_SEARCHES_PER_MINUTE"
    case tools = "OPSRAMP_MCP_TOOLS"
    case excludeTools = "OPSRAMP_MCP_EXCLUDE_TOOLS"
    case toolPrefix = "OPSRAMP_MCP_TOOL_PREFIX"
    /// Read by C `getenv` in Sources/CurlSocketWorkaround, not by `Configuration`.
    case curlWorkaround = "OPSRAMP_MCP_CURL_WORKAROUND"

    public var name: String { rawValue }

    /// The settings the API tools cannot do without.
    public static let required: [ConfigurationVariable] = [.baseURL, .clientID, .clientSecret, .tenantID]

    /// Settings that decide where the credentials go or where the server writes.
    static let redirecting: [ConfigurationVariable] = [.baseURL, .tokenPath, .allowInsecureHTTP, .caBundle, .portalURL, .logFile]

    public var summary: String {
        switch self {
        case .baseURL: "OpsRamp API URL, e.g. https://acme.api.opsramp.com (required for the API tools)"
        case .clientID: "OAuth2 key of an OpsRamp custom integration (required for the API tools)"
        case .clientSecret: "OAuth2 secret of that integration (required for the API tools; never logged)"
        case .tenantID: "Tenant id: a client or partner UUID, or client_1234 / msp_1234 (required for the API tools)"
        case .tokenPath: "Path of the token endpoint on the base URL; some tenants use /auth/oauth/token"
        case .requestTimeout: "Seconds before one HTTP request to OpsRamp is abandoned (1-300)"
        case .portalURL: "OpsRamp portal URL for links, e.g. https://acme.app.opsramp.com (derived from the base URL when it is *.api.opsramp.com)"
        case .alertDashboardID: "Id of the dashboard that get_alert_statistics_dashboard links to"
        case .allowInsecureHTTP: "Set to 1 to allow an http:// base URL that is not on this machine (not recommended)"
        case .caBundle: "PEM file of CA certificates to trust instead of the system's CA file, for networks that intercept TLS (Linux)"
        case .timeZone: "IANA time zone (e.g. America/Los_Angeles) for times given without a zone, dates, today and yesterday"
        case .logLevel: "debug, info, notice, warning or error; logs go to stderr"
        case .logFile: "Also append logs to this file (created with owner-only permissions)"
        case .maxResultBytes: "Largest tool result in bytes; longer results are cut with a note on how to narrow them"
        case .maxResponseBytes: "Largest OpsRamp HTTP response body in bytes that the server will read"
        case .maxRetries: "Retries of a failed OpsRamp request (429, 5xx, network errors), 0-10"
        case .pagedSearchesPerMinute: "Most paged searches (alert search, resource pages) sent per minute; OpsRamp allows a client 50, a partner 150"
        case .tools: "Comma-separated tool names to expose (default: all)"
        case .excludeTools: "Comma-separated tool names to hide"
        case .toolPrefix: "Prefix for every tool name, e.g. prod_ to run one server per tenant side by side"
        case .curlWorkaround:
            "Advanced (Linux): off turns off the URLSession busy-loop workaround, to check whether it is still needed; "
                + "process environment only, not .env"
        }
    }

    /// The default, as text for documentation; `nil` when there is none.
    public var defaultValue: String? {
        switch self {
        case .tokenPath: Configuration.Defaults.tokenPath
        case .requestTimeout: String(Int(Configuration.Defaults.requestTimeout))
        case .allowInsecureHTTP: "0"
        case .timeZone: "the system's zone (TZ), else UTC"
        case .logLevel: "info"
        case .maxResultBytes: String(Configuration.Defaults.maxResultBytes)
        case .maxResponseBytes: String(Configuration.Defaults.maxResponseBytes)
        case .maxRetries: String(Configuration.Defaults.maxRetries)
        case .pagedSearchesPerMinute: String(Configuration.Defaults.pagedSearchesPerMinute)
        case .curlWorkaround: "on"
        default: nil
        }
    }
}
