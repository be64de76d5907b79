import Foundation
import OpsRampAPI
import OpsRampAuth
import OpsRampConfiguration
import OpsRampJSON
import OpsRampSecrets
import OpsRampTools

/// `--check`: walks through settings, tool selection, token and API calls, printing each step
/// as it ends, with a fix for each failure. Mistakes that can be seen in the settings are
/// named before anything is sent.
struct ConnectionCheck {
    let assembly: ServerAssembly
    var reporter = CheckReporter()

    /// True when no step failed (warnings do not fail the check).
    func run() async -> Bool {
        let configuration = assembly.configuration
        let demo = assembly.demo
        reporter.line(
            "\(ServerVersion.name) \(ServerVersion.current): checking "
                + (demo == nil ? "the OpsRamp connection" : "the demo tenant (--demo: sample data, served inside this process)"))
        reporter.line()

        for warning in configuration.warnings {
            reporter.step(.warning, "setting ignored", warning.message)
        }
        let toolsPassed = checkToolSelection()
        let zonePassed = checkTimeZone()

        let source =
            demo != nil
            ? "--demo; your OpsRamp settings are not used"
            : configuration.environmentFile.map { "the environment and \($0)" } ?? "the environment (no .env file)"
        guard let client = assembly.client, let connection = configuration.connection else {
            reporter.step(.fail, "configuration (from \(source))", configuration.connectionProblems.map(\.message).joined(separator: "\n"))
            reporter.line()
            reporter.line("Fix: set the variables above (see --help or .env.example), then run --check again. Nothing was sent.")
            return false
        }
        reporter.step(
            .pass, "configuration (from \(source))",
            "API \(connection.baseURL.absoluteString), tenant \(connection.tenantID), token path \(connection.tokenPath)")
        if connection.sendsInClearText {
            reporter.step(
                .warning, "plain http",
                "\(connection.baseURL.host ?? "the host") is not this machine and \(ConfigurationVariable.allowInsecureHTTP.name)=1 "
                    + "allows http://: the client secret and every answer travel in clear text. Use https:// unless this is a test network.")
        }
        reportNetwork(for: connection.baseURL)

        guard await checkToken(client, connection) else { return false }
        await checkReleaseVersion(client)
        guard await checkTenant(client, connection) else { return false }
        if demo == nil { reportPortalLinks(configuration.portal) }

        reporter.line()
        guard toolsPassed else {
            reporter.line("The connection works, but no tools are exposed: fix the tool selection above.")
            return false
        }
        guard zonePassed else {
            reporter.line("The connection works, but \(ConfigurationVariable.timeZone.name) cannot be read: fix it (see above).")
            return false
        }
        reporter.line("All checks passed. Tools: \(assembly.registry.names.joined(separator: ", ")).")
        if demo != nil {
            reporter.line("This was the demo: the answers are sample data. To check your own tenant, run --check without --demo.")
        }
        return true
    }

    /// A selection that leaves no tools fails: a host would show the server with nothing to call.
    private func checkToolSelection() -> Bool {
        let warnings = assembly.selectionWarnings.joined(separator: "\n")
        if assembly.registry.tools.isEmpty {
            reporter.step(.fail, "tool selection", warnings)
            return false
        }
        if !warnings.isEmpty { reporter.step(.warning, "tool selection", warnings) }
        return true
    }

    /// An unreadable `OPSRAMP_TIMEZONE` fails: every window would silently be hours off. A system
    /// zone that cannot be told is a warning (the answers say so too).
    private func checkTimeZone() -> Bool {
        let zone = assembly.configuration.timeZone
        guard let problem = zone.problem else {
            reporter.step(.pass, "time zone", "times without a zone, dates, today and yesterday are read in \(zone.name) (\(zone.origin))")
            return true
        }
        reporter.step(problem.failsCheck ? .fail : .warning, "time zone", problem.message)
        return !problem.failsCheck
    }

    private func reportNetwork(for baseURL: URL) {
        let network = assembly.configuration.network
        var details: [String] = []
        if let proxy = network.proxy(for: baseURL) {
            details.append("through the proxy \(proxy.display) (from \(proxy.variable))")
        } else if network.httpsProxy != nil || network.httpProxy != nil, NetworkSettings.bypasses(host: baseURL.host ?? "", noProxy: network.noProxy)
        {
            details.append("direct: \(baseURL.host ?? "the host") matches NO_PROXY")
        }
        if let bundle = network.caBundle { details.append("trusting the CA certificates in \(bundle) (\(ConfigurationVariable.caBundle.name))") }
        if !details.isEmpty { reporter.step(.pass, "network", details.joined(separator: "\n")) }
    }

    private func checkToken(_ client: OpsRampClient, _ connection: OpsRampConnection) async -> Bool {
        do {
            _ = try await client.tokens.token()
            reporter.step(.pass, "access token", "obtained from \(connection.tokenPath) (the token itself is not shown)")
            return true
        } catch {
            reporter.step(.fail, "access token", CheckAdvice.forToken(error, tokenPath: connection.tokenPath))
            return false
        }
    }

    /// The release-version endpoint is undocumented and missing on some pods: its failure is a
    /// warning, and the alert search that follows decides whether the connection works.
    private func checkReleaseVersion(_ client: OpsRampClient) async {
        do {
            let release = JSONWriter.string(try await client.releaseVersion())
            reporter.step(.pass, "API call (release version)", Excerpt.of(release, limit: 300))
        } catch {
            reporter.step(
                .warning, "API call (release version)", CheckAdvice.forReleaseVersion(error, tool: assembly.names.available(.getReleaseVersion)))
        }
    }

    /// One alert search proves base URL, tenant id and permissions together.
    private func checkTenant(_ client: OpsRampClient, _ connection: OpsRampConnection) async -> Bool {
        do {
            let visible = try await client.countAlerts(query: QueryString())
            reporter.step(.pass, "tenant \(connection.tenantID)", "alert search works; \(visible) alert(s) visible to this integration")
        } catch {
            reporter.step(.fail, "tenant \(connection.tenantID)", error.userMessage + "\n" + CheckAdvice.tenantFormat(connection.tenantID))
            return false
        }
        if !CheckAdvice.looksLikeTenantID(connection.tenantID) {
            reporter.step(
                .warning, "tenant id format", "\(connection.tenantID) is not a UUID, client_<number> or msp_<number>; check it if results look wrong")
        }
        return true
    }

    private func reportPortalLinks(_ portal: PortalSettings) {
        let advice = OpsRampToolbox.portalAdvice(portal, names: assembly.names)
        if let url = portal.portalURL {
            let dashboard = portal.alertDashboardID.map { " dashboard \($0)" } ?? ""
            reporter.step(
                advice.isEmpty ? .pass : .warning, "portal links",
                ([url.absoluteString + dashboard] + advice).joined(separator: "; "))
        } else if !advice.isEmpty {
            reporter.step(.warning, "portal links", advice.joined(separator: "; "))
        }
    }
}
