import Configuration
import Foundation
import JSON
import OpsRampAPI

/// `--check`: walks through configuration, token and one API call, printing each step with a fix on failure.
struct ConnectionCheck {
    let assembly: ServerAssembly

    /// True when every step passed.
    func run() async -> Bool {
        let configuration = assembly.configuration
        print("\(ServerVersion.name) \(ServerVersion.current): checking the OpsRamp connection")
        print("")

        let source = configuration.environmentFile.map { "the environment and \($0)" } ?? "the environment (no .env file)"
        for warning in configuration.warnings {
            report(.warning, "setting ignored", warning.message)
        }
        guard let client = assembly.client, let connection = configuration.connection else {
            report(.fail, "configuration (from \(source))",
                   configuration.connectionProblems.map(\.message).joined(separator: "\n"))
            print("")
            print("Fix: set the variables above (see --help or .env.example), then run --check again.")
            return false
        }
        report(.pass, "configuration (from \(source))",
               "API \(connection.baseURL.absoluteString), tenant \(connection.tenantID), token path \(connection.tokenPath)")

        do {
            _ = try await client.tokens.token()
            report(.pass, "access token", "obtained from \(connection.tokenPath) (the token itself is not shown)")
        } catch {
            report(.fail, "access token", error.description)
            if case .unexpectedResponse = error {
                let other = connection.tokenPath == Configuration.Defaults.tokenPath ? "/auth/oauth/token" : Configuration.Defaults.tokenPath
                print("      Some tenants use the other token path: try OPSRAMP_TOKEN_PATH=\(other).")
            }
            return false
        }

        do {
            let release = try await client.releaseVersion()
            report(.pass, "API call (release version)", JSONWriter.string(release))
        } catch {
            report(.fail, "API call (release version)", error.userMessage)
            return false
        }

        // The release version is the same for every tenant; one alert search proves the tenant id.
        do {
            let visible = try await client.countAlerts(query: QueryString())
            report(.pass, "tenant \(connection.tenantID)", "alert search works; \(visible) alert(s) visible to this integration")
        } catch {
            report(.fail, "tenant \(connection.tenantID)", error.userMessage + "\nCheck OPSRAMP_TENANT_ID: the client (or partner) id the integration belongs to.")
            return false
        }
        if !Self.looksLikeTenantID(connection.tenantID) {
            report(.warning, "tenant id format", "\(connection.tenantID) is not a UUID, client_<number> or msp_<number>; check it if results look wrong")
        }

        let portal = configuration.portal
        if let url = portal.portalURL {
            let dashboard = portal.alertDashboardID.map { " dashboard \($0)" } ?? " (no OPSRAMP_ALERT_DASHBOARD_ID)"
            report(.pass, "portal links", url.absoluteString + dashboard)
        } else {
            report(.warning, "portal links", "none: set OPSRAMP_PORTAL_URL for links in get_alert_statistics_dashboard")
        }
        print("")
        print("All checks passed. Tools: \(assembly.registry.names.joined(separator: ", ")).")
        return true
    }

    /// OpsRamp tenant ids are UUIDs or `client_<n>` / `msp_<n>`.
    static func looksLikeTenantID(_ id: String) -> Bool {
        if UUID(uuidString: id) != nil { return true }
        for prefix in ["client_", "msp_"] where id.hasPrefix(prefix) {
            let number = id.dropFirst(prefix.count)
            return !number.isEmpty && number.allSatisfy(\.isNumber)
        }
        return false
    }

    enum Outcome: String {
        case pass = "PASS"
        case fail = "FAIL"
        case warning = "WARN"
    }

    private func report(_ outcome: Outcome, _ step: String, _ detail: String) {
        print("[\(outcome.rawValue)] \(step)")
        for line in detail.split(separator: "\n") { print("      \(line)") }
    }
}
