import FakeOpsRamp
import Foundation
import OpsRampConfiguration

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--demo`: the tests' fake OpsRamp, started inside this process on 127.0.0.1 with the demo
/// tenant's data (`FakeData.demoTenant`) and a throwaway credential made up for this run. The
/// server then talks to it exactly as to OpsRamp (token, HTTP over loopback, parsing, paging,
/// compaction), so the demo shows what the product does rather than a second implementation of it.
///
/// Nothing here runs, and nothing is allocated, unless `--demo` is given.
final class DemoTenant: Sendable {
    let fake: FakeOpsRamp
    let tenantID: String
    let clientID: String
    /// Valid for this process only; redacted like any secret once the configuration has read it.
    private let clientSecret: String

    private init(fake: FakeOpsRamp, tenantID: String, clientID: String, clientSecret: String) {
        self.fake = fake
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// Starts the fake on an ephemeral loopback port; its data is dated afresh every minute.
    static func start() throws -> DemoTenant {
        let tenantID = FakeData.demoTenantID
        let clientID = "demo-" + UUID().uuidString.lowercased().prefix(8)
        let clientSecret = UUID().uuidString + UUID().uuidString
        // The accept loop wakes up twice a second rather than forty times: nobody stops this fake but the exit.
        let fake = FakeOpsRamp(clientID: clientID, clientSecret: clientSecret, tenantID: tenantID, acceptPollMilliseconds: 500)
        // A host may keep the server for days: keep no record of each request.
        fake.recordsRequests = false
        fake.serveDemoTenant()
        try fake.start()
        if let reason = LoopbackProbe.failure(connectingTo: fake.port) {
            fake.stop()
            throw LoopbackUnreachable(reason: reason)
        }
        return DemoTenant(fake: fake, tenantID: tenantID, clientID: clientID, clientSecret: clientSecret)
    }

    /// The demo's listener is up but nothing can connect to it: the loopback interface is down.
    struct LoopbackUnreachable: Error, CustomStringConvertible {
        let reason: String
        var description: String {
            "this machine's loopback interface does not accept connections (\(reason)). The demo serves its sample data "
                + "to itself over 127.0.0.1, so it needs loopback even though it uses no other network; a container or "
                + "sandbox started without networking has it down (bring it up with `ip link set lo up`, or run the demo elsewhere)."
        }
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

    /// libcurl takes proxies from the environment and sends even a loopback request to one
    /// (`http_proxy` applies to every http:// URL unless `NO_PROXY` names the host; measured). The
    /// demo talks only to this process, so every proxy setting is removed and `no_proxy=*` set,
    /// before the first request creates a curl handle.
    static func bypassProxies() {
        for name in NetworkSettings.environmentVariables { unsetenv(name) }
        setenv("no_proxy", "*", 1)
        setenv("NO_PROXY", "*", 1)
    }
}
