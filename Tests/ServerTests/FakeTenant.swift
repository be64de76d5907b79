import FakeOpsRamp
import Foundation
import JSON
import Testing

/// A fake OpsRamp tenant for process-level tests, with a secret that must never be seen.
final class FakeTenant: Sendable {
    /// The client secret: a canary every test checks the server's output for.
    static let canarySecret = "canary-Secret-7f3d9a21-do-not-print"
    let fake: FakeOpsRamp
    let now: Date
    let sample: (alerts: [JSONValue], resources: [JSONValue])
    let tenantID: String

    /// `tenantID` is the tenant the fake serves and the server is configured for (`msp_…` for a partner).
    init(latency: Double = 0, tenantID: String = "client_1234") throws {
        self.tenantID = tenantID
        fake = FakeOpsRamp(clientID: "mcp-test-key", clientSecret: Self.canarySecret, tenantID: tenantID)
        now = Date()
        sample = FakeData.sampleTenant(now: now)
        fake.alerts = sample.alerts
        fake.resources = sample.resources
        fake.latency = latency
        try fake.start()
    }

    deinit {
        fake.stop()
    }

    /// The server's environment pointing at this fake.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "OPSRAMP_BASE_URL": fake.baseURL,
            "OPSRAMP_CLIENT_ID": "mcp-test-key",
            "OPSRAMP_CLIENT_SECRET": Self.canarySecret,
            "OPSRAMP_TENANT_ID": tenantID,
            "OPSRAMP_REQUEST_TIMEOUT": "5",
            "OPSRAMP_MCP_LOG_LEVEL": "debug",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Starts the server against this fake and performs the handshake.
    func startServer(_ extra: [String: String] = [:], version: String = "2025-06-18") async throws -> ServerProcess {
        let server = try ServerProcess(environment: environment(extra))
        try await server.initialize(version: version)
        return server
    }

    /// Every access token the fake has seen in use.
    var tokensSeen: Set<String> {
        Set(fake.requests.compactMap { $0.headers["authorization"]?.split(separator: " ").last.map(String.init) })
    }

    /// The secret and every access token are absent from stdout and stderr.
    func expectNoSecrets(in server: ServerProcess, sourceLocation: SourceLocation = #_sourceLocation) {
        let output = server.stdoutLines.joined(separator: "\n") + server.stderrText
        #expect(!output.contains(Self.canarySecret), "client secret leaked", sourceLocation: sourceLocation)
        for token in tokensSeen where token.count > 8 {
            #expect(!output.contains(token), "access token leaked", sourceLocation: sourceLocation)
        }
    }

    func requests(on route: Route) -> [RecordedRequest] {
        fake.requests.filter { $0.route == route }
    }
}

extension JSONValue {
    /// The `structuredContent` of a tool result.
    var structured: JSONValue? { self["structuredContent"] }
    /// The text of a tool result's first content block.
    var text: String { self["content"]?[0]?["text"]?.stringValue ?? "" }
}

/// Reads OpsRamp's `yyyy-MM-dd'T'HH:mm:ssZ` dates.
func opsRampDate(_ value: JSONValue?) -> Date? {
    guard let text = value?.stringValue else { return nil }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
    return formatter.date(from: text)
}
