import Foundation
import OpsRampSecrets
import Testing

@testable import OpsRampConfiguration

@Suite("Configuration: network, hosts and placeholders")
struct NetworkSettingsTests {
    let complete = [
        "OPSRAMP_BASE_URL": "https://acme.api.opsramp.com",
        "OPSRAMP_CLIENT_ID": "key-123",
        "OPSRAMP_CLIENT_SECRET": "network-test-secret",
        "OPSRAMP_TENANT_ID": "client_1234",
    ]

    @Test(
        "NO_PROXY follows libcurl: * for all, names match themselves and their subdomains, a leading dot is optional",
        arguments: [
            ("api.opsramp.com", "*", true),
            ("acme.api.opsramp.com", "opsramp.com", true),
            ("acme.api.opsramp.com", ".opsramp.com", true),
            ("acme.api.opsramp.com", " example.org , .OPSRAMP.com ", true),
            ("opsramp.com", "opsramp.com", true),
            ("notopsramp.com", "opsramp.com", false),
            ("acme.api.opsramp.com", "api.opsramp.co", false),
            ("localhost", "localhost,127.0.0.1", true),
            ("[::1]", "::1", true),
            ("acme.api.opsramp.com", "", false),
        ])
    func noProxy(_ host: String, _ list: String, _ bypassed: Bool) {
        #expect(NetworkSettings.bypasses(host: host, noProxy: list) == bypassed)
    }

    @Test("the proxy is taken from the variables libcurl reads, in its order, and shown without credentials")
    func proxyChoice() throws {
        let configuration = Configuration(
            values: complete,
            processEnvironment: [
                "HTTPS_PROXY": "http://alice:proxy-pass-9271@proxy.corp:3128/",
                "http_proxy": "proxy.corp:8080",
                "HTTP_PROXY": "http://ignored:1",
                "NO_PROXY": "internal.corp",
            ])
        let network = configuration.network
        #expect(network.httpsProxy == ProxySetting(variable: "HTTPS_PROXY", display: "http://proxy.corp:3128 (with credentials, not shown)"))
        #expect(network.httpProxy == ProxySetting(variable: "http_proxy", display: "http://proxy.corp:8080"))
        #expect(network.noProxy == "internal.corp")
        #expect(SecretRedactor.shared.redact("proxy-pass-9271 leaked").contains("<redacted>"), "the proxy password is a secret")
        let api = try #require(URL(string: "https://acme.api.opsramp.com"))
        #expect(network.proxy(for: api)?.variable == "HTTPS_PROXY")
        #expect(network.proxy(for: try #require(URL(string: "https://host.internal.corp"))) == nil)
    }

    @Test("lower-case https_proxy wins over HTTPS_PROXY, and ALL_PROXY is the fallback")
    func proxyOrder() {
        let lower = Configuration(values: complete, processEnvironment: ["https_proxy": "http://a:1", "HTTPS_PROXY": "http://b:2"])
        #expect(lower.network.httpsProxy?.display == "http://a:1")
        let fallback = Configuration(values: complete, processEnvironment: ["ALL_PROXY": "socks5://c:1080"])
        #expect(fallback.network.httpsProxy?.display == "socks5://c:1080")
        #expect(fallback.network.httpProxy?.variable == "ALL_PROXY")
        #expect(Configuration(values: complete, processEnvironment: [:]).network.httpsProxy == nil)
    }

    @Test("a proxy set in a .env file is not used, and the warning says where to set it")
    func proxyInFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-net-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("settings.env").path
        try "HTTPS_PROXY=http://proxy.corp:3128\nOPSRAMP_TENANT_ID=client_1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let configuration = try Configuration.load(environment: [:], environmentFile: file)
        #expect(configuration.network.httpsProxy == nil)
        #expect(configuration.warnings.contains { $0.message.contains("HTTPS_PROXY") && $0.message.contains("env block") })
    }

    #if os(Linux)
    @Test("OPSRAMP_CA_BUNDLE must be a readable file with a PEM certificate; otherwise there is no connection")
    func certificateBundle() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("ca.pem")
        try "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".write(to: good, atomically: true, encoding: .utf8)
        let bad = directory.appendingPathComponent("key.pem")
        try "-----BEGIN PRIVATE KEY-----\n".write(to: bad, atomically: true, encoding: .utf8)

        var values = complete
        values["OPSRAMP_CA_BUNDLE"] = good.path
        let accepted = Configuration(values: values)
        #expect(accepted.network.caBundle == good.path)
        #expect(accepted.connection != nil)

        values["HOME"] = directory.path
        values["OPSRAMP_CA_BUNDLE"] = "~/ca.pem"
        #expect(Configuration(values: values).network.caBundle == good.path)

        for (path, expected) in [(bad.path, "holds no PEM certificate"), (directory.appendingPathComponent("none.pem").path, "no readable file")] {
            values["OPSRAMP_CA_BUNDLE"] = path
            let refused = Configuration(values: values)
            #expect(refused.connection == nil)
            #expect(refused.connectionProblems.contains { $0.variable == "OPSRAMP_CA_BUNDLE" && $0.message.contains(expected) })
        }
    }
    #endif

    @Test(
        "a portal URL is recognised and the API URL given instead; other hosts are left alone",
        arguments: [
            ("https://acme.app.opsramp.com", "https://acme.api.opsramp.com"),
            ("https://ACME.App.OpsRamp.com/", "https://acme.api.opsramp.com"),
            ("https://app.opsramp.com", "https://api.opsramp.com"),
            ("https://acme.api.opsramp.com", nil),
            ("https://opsramp.example.com", nil),
            ("https://app.opsramp.com.evil.example", nil),
        ])
    func portalHosts(_ url: String, _ api: String?) throws {
        #expect(OpsRampHosts.apiURL(insteadOfPortal: try #require(URL(string: url)))?.absoluteString == api)
    }

    @Test("a connection sends in clear text only over http:// to a host that is not this machine")
    func clearText() throws {
        func connection(_ base: String) throws -> OpsRampConnection {
            var values = complete
            values["OPSRAMP_BASE_URL"] = base
            values["OPSRAMP_ALLOW_INSECURE_HTTP"] = "1"
            return try #require(Configuration(values: values).connection)
        }
        #expect(try connection("http://opsramp.internal").sendsInClearText)
        #expect(try !connection("http://127.0.0.1:8080").sendsInClearText)
        #expect(try !connection("http://localhost:8080").sendsInClearText)
        #expect(try !connection("https://acme.api.opsramp.com").sendsInClearText)
    }

    @Test(
        "a placeholder left in a required setting is named as a placeholder",
        arguments: [
            "OPSRAMP_BASE_URL", "OPSRAMP_CLIENT_ID", "OPSRAMP_CLIENT_SECRET", "OPSRAMP_TENANT_ID",
        ])
    func placeholders(_ name: String) {
        var values = complete
        values[name] = "<fill me in>"
        let configuration = Configuration(values: values)
        #expect(configuration.connection == nil)
        #expect(configuration.connectionProblems.count == 1)
        #expect(configuration.connectionProblems.first?.variable == name)
        #expect(configuration.connectionProblems.first?.message.hasPrefix("\(name) still holds a placeholder (<...>): ") == true)
    }
}
