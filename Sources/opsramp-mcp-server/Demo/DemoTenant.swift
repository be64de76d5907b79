#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Configuration
import FakeOpsRamp
import Foundation

/// `--demo`: the tests' fake OpsRamp, started inside this process on 127.0.0.1 with the demo
/// tenant's data and a throwaway credential made up for this run. The server then talks to it
/// exactly as to OpsRamp (token, HTTP over loopback, parsing, paging, compaction), so the demo
/// shows what the product does rather than a second implementation of it.
///
/// Nothing here runs, and nothing is allocated, unless `--demo` is given.
final class DemoTenant: Sendable {
    let fake: FakeOpsRamp
    let tenantID: String
    let clientID: String
    /// Valid for this process only; redacted like any secret once the configuration has read it.
    private let clientSecret: String
    /// How often the data is dated afresh, so "the last hour" stays full however long a host keeps the server.
    static let refreshInterval: Duration = .seconds(60)

    private init(fake: FakeOpsRamp, tenantID: String, clientID: String, clientSecret: String) {
        self.fake = fake
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// Starts the fake on an ephemeral loopback port and keeps its data current.
    static func start() throws -> DemoTenant {
        let data = FakeData.demoTenant(now: Date())
        let clientID = "demo-" + UUID().uuidString.lowercased().prefix(8)
        let clientSecret = UUID().uuidString + UUID().uuidString
        // The accept loop wakes up twice a second rather than forty times: nobody stops this fake but the exit.
        let fake = FakeOpsRamp(clientID: clientID, clientSecret: clientSecret, tenantID: data.tenantID, acceptPollMilliseconds: 500)
        fake.recordsRequests = false
        load(data, into: fake)
        try fake.start()
        let demo = DemoTenant(fake: fake, tenantID: data.tenantID, clientID: clientID, clientSecret: clientSecret)
        Task.detached(priority: .background) { [fake] in
            while true {
                try? await Task.sleep(for: refreshInterval)
                load(FakeData.demoTenant(now: Date()), into: fake)
            }
        }
        return demo
    }

    private static func load(_ data: DemoTenantData, into fake: FakeOpsRamp) {
        fake.alerts = data.alerts
        fake.resources = data.resources
        fake.releaseVersion = data.releaseVersion
    }

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { fake.baseURL }

    /// The connection settings that point the server at the fake.
    var connection: [String: String] {
        [
            ConfigurationVariable.baseURL.name: fake.baseURL,
            ConfigurationVariable.clientID.name: clientID,
            ConfigurationVariable.clientSecret.name: clientSecret,
            ConfigurationVariable.tenantID.name: tenantID,
        ]
    }

    /// libcurl takes proxies from the environment and would send even a loopback request to one
    /// (`http_proxy` applies to every http:// URL unless `NO_PROXY` names the host). The demo talks
    /// only to this process, so every proxy setting is removed and `no_proxy=*` set, before the first
    /// request creates a curl handle.
    static func bypassProxies() {
        for name in NetworkSettings.environmentVariables { unsetenv(name) }
        setenv("no_proxy", "*", 1)
        setenv("NO_PROXY", "*", 1)
    }
}
