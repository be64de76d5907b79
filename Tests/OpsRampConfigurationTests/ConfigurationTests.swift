import Foundation
import OpsRampSecrets
import Testing

@testable import OpsRampConfiguration

@Suite("Configuration")
struct ConfigurationTests {
    let complete = [
        "OPSRAMP_BASE_URL": "https://acme.api.opsramp.com/",
        "OPSRAMP_CLIENT_ID": "key-123",
        "OPSRAMP_CLIENT_SECRET": "configuration-test-secret",
        "OPSRAMP_TENANT_ID": "client_1234",
    ]

    @Test("complete settings give a connection with defaults")
    func completeSettings() throws {
        let configuration = Configuration(values: complete)
        let connection = try #require(configuration.connection)
        #expect(connection.baseURL.absoluteString == "https://acme.api.opsramp.com")
        #expect(connection.tokenPath == "/tenancy/auth/oauth/token")
        #expect(connection.requestTimeout == .seconds(30))
        #expect(configuration.connectionProblems.isEmpty)
        #expect(configuration.portal.portalURL?.absoluteString == "https://acme.app.opsramp.com")
        #expect(configuration.portal.portalURLDerived)
    }

    @Test("each missing variable is named")
    func missing() {
        let configuration = Configuration(values: ["OPSRAMP_CLIENT_ID": "x"])
        #expect(configuration.connection == nil)
        let named = configuration.connectionProblems.map(\.variable)
        #expect(named == ["OPSRAMP_BASE_URL", "OPSRAMP_TENANT_ID", "OPSRAMP_CLIENT_SECRET"])
    }

    @Test(
        "plain http is refused except for loopback or with the explicit opt-in",
        arguments: [
            ("http://acme.api.opsramp.com", nil, false),
            ("http://127.0.0.1:8080", nil, true),
            ("http://localhost:8080", nil, true),
            ("http://[::1]:8080", nil, true),
            ("http://127.0.0.1.nip.io", nil, false),
            ("http://127.evil.example.com", nil, false),
            ("http://[::2]", nil, false),
            ("http://10.0.0.5", "1", true),
            ("ftp://acme.api.opsramp.com", nil, false),
            ("https://user:pw@acme.api.opsramp.com", nil, false),
            ("https://acme.api.opsramp.com?x=1", nil, false),
            ("not a url", nil, false),
        ] as [(String, String?, Bool)])
    func transportSecurity(url: String, insecure: String?, accepted: Bool) {
        var values = complete
        values["OPSRAMP_BASE_URL"] = url
        values["OPSRAMP_ALLOW_INSECURE_HTTP"] = insecure
        #expect((Configuration(values: values).connection != nil) == accepted)
    }

    @Test("tenant ids that could change the request path are rejected", arguments: ["../admin", "a/b", "client 1", "x?y", "%2F"])
    func tenantValidation(_ tenant: String) {
        var values = complete
        values["OPSRAMP_TENANT_ID"] = tenant
        let configuration = Configuration(values: values)
        #expect(configuration.connection == nil)
        #expect(configuration.connectionProblems.map(\.variable) == ["OPSRAMP_TENANT_ID"])
    }

    @Test("invalid optional settings fall back to defaults with a warning")
    func warnings() {
        var values = complete
        values["OPSRAMP_REQUEST_TIMEOUT"] = "abc"
        values["OPSRAMP_MCP_LOG_LEVEL"] = "loud"
        values["OPSRAMP_TOKEN_PATH"] = "auth/../x"
        let configuration = Configuration(values: values)
        #expect(configuration.connection?.requestTimeout == .seconds(30))
        #expect(configuration.logLevel == .info)
        #expect(configuration.connection?.tokenPath == "/tenancy/auth/oauth/token")
        #expect(configuration.warnings.map(\.variable).sorted() == ["OPSRAMP_MCP_LOG_LEVEL", "OPSRAMP_REQUEST_TIMEOUT", "OPSRAMP_TOKEN_PATH"])
    }

    @Test("the secret is never shown when the configuration is printed")
    func secretRedacted() throws {
        let connection = try #require(Configuration(values: complete).connection)
        #expect(!String(describing: connection).contains("configuration-test-secret"))
        #expect(!String(reflecting: connection).contains("configuration-test-secret"))
        #expect(SecretRedactor.shared.redact("x configuration-test-secret y") == "x <redacted> y")
    }

    @Test(".env values are read, and real environment variables win")
    func environmentFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-\(UUID().uuidString).env").path
        try """
        # comment
        export OPSRAMP_BASE_URL=https://file.api.opsramp.com
        OPSRAMP_TENANT_ID="client_9" # quoted
        OPSRAMP_CLIENT_ID='key with # hash'
        OPSRAMP_CLIENT_SECRET=file-secret-value # trailing comment
        """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try Configuration.load(environment: ["OPSRAMP_TENANT_ID": "client_env"], environmentFile: path)
        let connection = try #require(configuration.connection)
        #expect(connection.baseURL.absoluteString == "https://file.api.opsramp.com")
        #expect(connection.tenantID == "client_env")
        #expect(connection.clientID == "key with # hash")
        #expect(connection.clientSecret.exposedValue == "file-secret-value")
    }

    @Test("Windows and old Mac line ends split lines; lenient reading skips bad lines without quoting them")
    func lineEnds() throws {
        #expect(try EnvironmentFile.parse("A=1\r\nB=two\r\n\r\nC=3\rD=4") == ["A": "1", "B": "two", "C": "3", "D": "4"])
        let contents = try EnvironmentFile.parse("A=1\nsecret-looking junk\nB=\"open\n", path: "x.env", lenient: true)
        #expect(contents.values == ["A": "1"])
        #expect(contents.skipped.map(\.line) == [2, 3])
        #expect(!contents.skipped.map(\.description).joined().contains("junk"))
    }

    @Test("a .env found in the working directory may not redirect a secret that comes from the environment")
    func implicitFileCannotRedirect() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-\(UUID().uuidString).env").path
        try "OPSRAMP_BASE_URL=https://evil.example.com\nOPSRAMP_MCP_LOG_FILE=/tmp/x.log\nOPSRAMP_TENANT_ID=client_7\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = [
            "OPSRAMP_BASE_URL": "https://acme.api.opsramp.com", "OPSRAMP_CLIENT_ID": "k", "OPSRAMP_CLIENT_SECRET": "host-secret-value",
        ]
        let implicit = try Configuration.load(
            environment: environment.filter { $0.key != "OPSRAMP_BASE_URL" }, environmentFile: path, explicit: false)
        #expect(implicit.connection == nil) // the base URL from the file was refused, and the environment has none
        #expect(implicit.logFile == nil)
        #expect(implicit.warnings.contains { $0.variable == "OPSRAMP_BASE_URL" })
        let explicit = try Configuration.load(environment: environment.filter { $0.key != "OPSRAMP_BASE_URL" }, environmentFile: path, explicit: true)
        #expect(explicit.connection?.baseURL.host == "evil.example.com") // named by the user: trusted
    }

    @Test("a malformed .env line is reported with its line number")
    func environmentFileErrors() {
        #expect(throws: EnvironmentFile.ParseError.self) { try EnvironmentFile.parse("OK=1\nnot a pair\n") }
        do {
            _ = try EnvironmentFile.parse("OK=1\nnot a pair\n")
        } catch {
            #expect(error.line == 2)
        }
    }
}
