import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// A fake OpsRamp tenant for process-level tests, with a secret that must never be seen.
final class FakeTenant: Sendable {
    /// The client secret: a canary every test checks the server's output for.
    static let canarySecret = "canary-Secret-7f3d9a21-do-not-print"
    /// This tenant's client secret (the canary unless a test needs one with special characters).
    let secret: String
    let fake: FakeOpsRamp
    let now: Date
    let sample: (alerts: [JSONValue], resources: [JSONValue])
    let tenantID: String

    /// `tenantID` is the tenant the fake serves and the server is configured for (`msp_…` for a partner);
    /// `secret` the client secret (the canary unless a test needs one with special characters).
    init(latency: Double = 0, tenantID: String = "client_1234", secret: String = FakeTenant.canarySecret) throws {
        self.tenantID = tenantID
        self.secret = secret
        fake = FakeOpsRamp(clientID: "mcp-test-key", clientSecret: secret, tenantID: tenantID)
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
            "OPSRAMP_CLIENT_SECRET": secret,
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

    /// The secret (in every encoding) and every access token are absent from stdout and stderr.
    func expectNoSecrets(in server: ServerProcess, sourceLocation: SourceLocation = #_sourceLocation) {
        let output = server.stdoutLines.joined(separator: "\n") + server.stderrText
        expectNoSecret(in: output, sourceLocation: sourceLocation)
        for token in tokensSeen where token.count > 8 {
            #expect(!output.contains(token), "access token leaked", sourceLocation: sourceLocation)
        }
    }

    /// No form of the client secret (see `encodedForms`) appears in `output`; compared as bytes.
    func expectNoSecret(in output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(output.utf8)
        for (name, form) in Self.encodedForms(of: secret) {
            let leaked = bytes.contains(Array(form.utf8))
            #expect(!leaked, "client secret leaked (\(name)) in: \(output.prefix(2000))", sourceLocation: sourceLocation)
        }
    }

    /// The forms a secret takes on its way out: raw, percent-encoded (both hex cases), form-encoded, JSON-escaped.
    static func encodedForms(of secret: String) -> [(String, String)] {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let percent = secret.addingPercentEncoding(withAllowedCharacters: unreserved) ?? secret
        let form = (secret.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: " "))) ?? secret)
            .replacingOccurrences(of: " ", with: "+")
        let json = JSONWriter.string(.string(secret)).dropFirst().dropLast()
        var lowerHex = ""
        var rest = Substring(percent)
        while let sign = rest.firstIndex(of: "%") {
            lowerHex += rest[..<sign] + rest[sign...].prefix(3).lowercased()
            rest = rest[(rest.index(sign, offsetBy: 3, limitedBy: rest.endIndex) ?? rest.endIndex)...]
        }
        lowerHex += rest
        return [
            ("raw", secret), ("percent-encoded", percent), ("percent-encoded, lower-case", lowerHex),
            ("form-encoded", form), ("JSON-escaped", String(json)),
        ]
    }

    func requests(on route: Route) -> [RecordedRequest] {
        fake.requests.filter { $0.route == route }
    }
}

/// Reads OpsRamp's `yyyy-MM-dd'T'HH:mm:ssZ` dates.
func opsRampDate(_ value: JSONValue?) -> Date? {
    guard let text = value?.stringValue else { return nil }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
    return formatter.date(from: text)
}
