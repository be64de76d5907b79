import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// Corporate networks: TLS through a CA the system does not know, proxies, plain http.
/// Everything runs on 127.0.0.1: a TLS front (Python's ssl) signed by a CA made for the test,
/// in front of the fake OpsRamp, and a forward proxy that resolves no name.
@Suite(
    "Process: corporate networks (TLS with a private CA, proxies)", .serialized,
    .enabled(if: executableInPath("openssl") != nil && executableInPath("python3") != nil, "needs openssl and python3"))
struct NetworkTests {
    func runCheck(_ environment: [String: String]) async throws -> (Int32?, String, String) {
        let process = try ServerProcess(environment: environment, arguments: ["--check"])
        process.closeStdin()
        let status = await process.waitForExit(timeout: 30)
        return (status, String(decoding: process.stdoutBytes, as: UTF8.self), process.stderrText)
    }

    /// Waits briefly for the fixture to report what happened after the client went away.
    func settle(_ fixture: NetworkFixture, until done: (NetworkFixture) -> Bool) async {
        let deadline = ContinuousClock.now + .seconds(3)
        while !done(fixture), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
    }

    @Test("without OPSRAMP_CA_BUNDLE a server signed by an unknown CA is refused, and the secret is never sent")
    func unknownCARefused() async throws {
        let certificates = try await TestCertificates()
        defer { certificates.remove() }
        let tenant = try FakeTenant()
        let front = try await NetworkFixture.tlsFront(certificates, backend: tenant.fake.port)
        let (status, output, errors) = try await runCheck(tenant.environment(["OPSRAMP_BASE_URL": "https://localhost:\(front.port)"]))
        #expect(status == 1)
        #expect(output.contains("[FAIL] access token"))
        #expect(output.contains("certificate"), "\(output)")
        #expect(output.contains("OPSRAMP_CA_BUNDLE"), "the failure should point at the CA setting: \(output)")
        await settle(front) { !$0.events("handshake_failed").isEmpty }
        #expect(!front.events("handshake_failed").isEmpty)
        #expect(front.events("tls_connected").isEmpty, "no TLS session may be established")
        #expect(tenant.fake.requests.isEmpty, "nothing, the token request with the secret included, reached OpsRamp")
        #expect(!(output + errors).contains(FakeTenant.canarySecret))
    }

    @Test("serving: a certificate the system does not trust is answered at once (one handshake, no retries), naming OPSRAMP_CA_BUNDLE")
    func unknownCAWhileServing() async throws {
        let certificates = try await TestCertificates()
        defer { certificates.remove() }
        let tenant = try FakeTenant()
        let front = try await NetworkFixture.tlsFront(certificates, backend: tenant.fake.port)
        let server = try await tenant.startServer(["OPSRAMP_BASE_URL": "https://localhost:\(front.port)"])
        let result = try await server.callTool("get_alerts", ["limit": 1])
        #expect(result["isError"] == true)
        #expect(result.text.contains("certificate of localhost was not accepted"), "\(result.text)")
        #expect(result.text.contains("OPSRAMP_CA_BUNDLE"))
        #expect(!result.text.contains("Check OPSRAMP_BASE_URL and the network"))
        await settle(front) { !$0.events("handshake_failed").isEmpty }
        try await Task.sleep(for: .milliseconds(300))
        #expect(front.events("handshake_failed").count == 1, "retried: \(front.events("handshake_failed").count) handshakes")
        #expect(!server.stderrText.contains("retry 1/"), "\(server.stderrText)")
        #expect(tenant.fake.requests.isEmpty)
        tenant.expectNoSecrets(in: server)
    }

    @Test("serving: a proxy that refuses the CONNECT tunnel is named, with HTTPS_PROXY and NO_PROXY, and not retried")
    func proxyRefusesWhileServing() async throws {
        let tenant = try FakeTenant()
        let proxy = try await NetworkFixture.proxy([:])
        let server = try await tenant.startServer([
            "OPSRAMP_BASE_URL": "https://tenant.opsramp.invalid", "HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)",
        ])
        let result = try await server.callTool("get_alerts", ["limit": 1])
        #expect(result["isError"] == true)
        #expect(
            result.text.contains("the proxy on the way to tenant.opsramp.invalid failed (CONNECT tunnel failed, response 403)"),
            "\(result.text)")
        #expect(result.text.contains("HTTPS_PROXY") && result.text.contains("NO_PROXY"))
        await settle(proxy) { !$0.events("refused").isEmpty }
        try await Task.sleep(for: .milliseconds(300))
        #expect(proxy.events("refused").count == 1, "retried: \(proxy.events)")

        // A proxy that is not listening is named as the proxy too, not as OpsRamp being down.
        let closed = try await tenant.startServer(["OPSRAMP_BASE_URL": "https://tenant.opsramp.invalid", "HTTPS_PROXY": "http://127.0.0.1:1"])
        let unreachable = try await closed.callTool("get_alerts", ["limit": 1])
        #expect(
            unreachable.text.contains("the proxy on the way to tenant.opsramp.invalid failed (Failed to connect to 127.0.0.1 port 1"),
            "\(unreachable.text)")
        #expect(tenant.fake.requests.isEmpty)
    }

    @Test("with OPSRAMP_CA_BUNDLE naming the test CA, --check passes and the tools work over TLS")
    func privateCATrusted() async throws {
        let certificates = try await TestCertificates()
        defer { certificates.remove() }
        let tenant = try FakeTenant()
        let front = try await NetworkFixture.tlsFront(certificates, backend: tenant.fake.port)
        let environment = tenant.environment(["OPSRAMP_BASE_URL": "https://localhost:\(front.port)", "OPSRAMP_CA_BUNDLE": certificates.caFile])
        let (status, output, _) = try await runCheck(environment)
        #expect(status == 0, "\(output)")
        #expect(output.contains("trusting the CA certificates in \(certificates.caFile)"))

        let server = try ServerProcess(environment: environment)
        try await server.initialize()
        let result = try await server.callTool("get_alerts", ["states": ["Critical"], "since": "24h"])
        #expect(result["isError"] == false, "\(result.text)")
        #expect(tenant.requests(on: .alerts).count >= 1)
        #expect(!front.events("tls_connected").isEmpty)
        tenant.expectNoSecrets(in: server)
    }

    @Test("HTTPS_PROXY carries the connection through the proxy's CONNECT tunnel, and --check names the proxy")
    func httpsProxy() async throws {
        let certificates = try await TestCertificates()
        defer { certificates.remove() }
        let tenant = try FakeTenant()
        let front = try await NetworkFixture.tlsFront(certificates, backend: tenant.fake.port)
        let proxy = try await NetworkFixture.proxy(["tenant.opsramp.invalid:443": front.port])
        let (status, output, _) = try await runCheck(
            tenant.environment([
                "OPSRAMP_BASE_URL": "https://tenant.opsramp.invalid",
                "OPSRAMP_CA_BUNDLE": certificates.caFile,
                "HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)",
            ]))
        #expect(status == 0, "\(output)")
        #expect(output.contains("through the proxy http://127.0.0.1:\(proxy.port) (from HTTPS_PROXY)"))
        #expect(proxy.events("connect").contains { $0["target"] == "tenant.opsramp.invalid:443" })
        #expect(proxy.events("refused").isEmpty)
        #expect(tenant.fake.tokenRequestCount >= 1)
    }

    @Test("NO_PROXY sends a matching host around the proxy")
    func noProxyBypasses() async throws {
        let certificates = try await TestCertificates()
        defer { certificates.remove() }
        let tenant = try FakeTenant()
        let front = try await NetworkFixture.tlsFront(certificates, backend: tenant.fake.port)
        let proxy = try await NetworkFixture.proxy([:])
        let (status, output, _) = try await runCheck(
            tenant.environment([
                "OPSRAMP_BASE_URL": "https://localhost:\(front.port)",
                "OPSRAMP_CA_BUNDLE": certificates.caFile,
                "https_proxy": "http://127.0.0.1:\(proxy.port)",
                "NO_PROXY": "example.com,localhost",
            ]))
        #expect(status == 0, "\(output)")
        #expect(output.contains("direct: localhost matches NO_PROXY"))
        #expect(proxy.events.isEmpty, "the proxy saw \(proxy.events)")
    }

    @Test("http:// to a remote host with OPSRAMP_ALLOW_INSECURE_HTTP=1 passes with a warning that the secret travels in clear")
    func insecureRemoteHTTP() async throws {
        let tenant = try FakeTenant()
        // The "remote" host is reached through a proxy that maps it to the fake, so no name is resolved.
        let proxy = try await NetworkFixture.proxy(["opsramp.invalid:80": tenant.fake.port])
        let base = ["OPSRAMP_BASE_URL": "http://opsramp.invalid", "http_proxy": "http://127.0.0.1:\(proxy.port)"]

        let (refused, refusedOutput, _) = try await runCheck(tenant.environment(base))
        #expect(refused == 1)
        #expect(refusedOutput.contains("OPSRAMP_ALLOW_INSECURE_HTTP=1"))
        #expect(proxy.events.isEmpty, "without the setting nothing may be sent")

        let (status, output, errors) = try await runCheck(tenant.environment(base.merging(["OPSRAMP_ALLOW_INSECURE_HTTP": "1"]) { $1 }))
        #expect(status == 0, "\(output)")
        #expect(output.contains("[WARN] plain http"))
        #expect(output.contains("clear text"))
        #expect(proxy.events("forward").contains { $0["target"] == "opsramp.invalid:80" })
        #expect(!(output + errors).contains(FakeTenant.canarySecret))
    }

    @Test("an OPSRAMP_CA_BUNDLE that is missing or holds no certificate is a configuration failure, before any request")
    func unusableBundle() async throws {
        let tenant = try FakeTenant()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let notPEM = directory.appendingPathComponent("key.txt")
        try "not a certificate".write(to: notPEM, atomically: true, encoding: .utf8)
        for (path, expected) in [
            (directory.appendingPathComponent("absent.pem").path, "no readable file"), (notPEM.path, "holds no PEM certificate"),
        ] {
            let (status, output, _) = try await runCheck(tenant.environment(["OPSRAMP_CA_BUNDLE": path]))
            #expect(status == 1)
            #expect(output.contains(expected), "\(output)")
        }
        #expect(tenant.fake.requests.isEmpty)
    }
}
