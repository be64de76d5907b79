import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// `--check` against the fake: each misconfiguration a new user makes gets its own message.
@Suite("Process: --check diagnoses")
struct CheckTests {
    func runCheck(_ environment: [String: String], arguments: [String] = ["--check"]) async throws -> (Int32?, String, String) {
        let process = try ServerProcess(environment: environment, arguments: arguments)
        process.closeStdin()
        let status = await process.waitForExit(timeout: 30)
        return (status, String(decoding: process.stdoutBytes, as: UTF8.self), process.stderrText)
    }

    @Test("a portal URL as OPSRAMP_BASE_URL is named as such, with the API URL to use, and nothing is sent")
    func portalURL() async throws {
        let tenant = try FakeTenant()
        // Any request would have to pass this proxy, which resolves nothing and reports every attempt.
        let proxy = try await NetworkFixture.proxy([:])
        let (status, output, _) = try await runCheck(
            tenant.environment([
                "OPSRAMP_BASE_URL": "https://acme.app.opsramp.com",
                "HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)",
            ]))
        #expect(status == 1)
        #expect(output.contains("is the OpsRamp portal"), "\(output)")
        #expect(output.contains("OPSRAMP_BASE_URL=https://acme.api.opsramp.com"))
        #expect(!output.contains("access token"), "no step after the settings may run")
        try await Task.sleep(for: .milliseconds(200))
        #expect(proxy.events.isEmpty, "a request was attempted: \(proxy.events)")
    }

    @Test("a base URL holding an API path (/api/v2) is named, with the URL to use, by --check, the start-up log and the tools; nothing is sent")
    func apiPathInBaseURL() async throws {
        let tenant = try FakeTenant()
        let base = tenant.fake.baseURL + "/api/v2"
        let (status, output, _) = try await runCheck(tenant.environment(["OPSRAMP_BASE_URL": base]))
        #expect(status == 1)
        #expect(output.contains("[FAIL] configuration"))
        #expect(output.contains("includes an OpsRamp API path (/api/v2)"), "\(output)")
        #expect(output.contains("set OPSRAMP_BASE_URL=\(tenant.fake.baseURL)"), "\(output)")
        #expect(!output.contains("access token"))

        let server = try await tenant.startServer(["OPSRAMP_BASE_URL": base])
        let result = try await server.callTool("get_alerts", ["limit": 1])
        #expect(result["isError"] == true)
        #expect(result.text.contains("set OPSRAMP_BASE_URL=\(tenant.fake.baseURL)"), "\(result.text)")
        #expect(server.stderrText.contains("includes an OpsRamp API path (/api/v2)"), "\(server.stderrText)")
        #expect(tenant.fake.requests.isEmpty, "a request went out: \(tenant.fake.requests.map(\.path))")
    }

    @Test("serving with a portal URL: tools answer isError naming the API URL, and no token request is attempted")
    func portalURLWhileServing() async throws {
        let proxy = try await NetworkFixture.proxy([:])
        let server = try ServerProcess(
            environment: FakeTenant.settings([
                "OPSRAMP_BASE_URL": "https://acme.app.opsramp.com", "HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)",
            ]))
        try await server.initialize()
        for tool in ["get_alerts", "get_release_version"] {
            let result = try await server.callTool(tool)
            #expect(result["isError"] == true)
            #expect(result.text.contains("is the OpsRamp portal"), "\(result.text)")
            #expect(result.text.contains("set OPSRAMP_BASE_URL=https://acme.api.opsramp.com"), "\(result.text)")
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(proxy.events.isEmpty, "a request was attempted: \(proxy.events)")
    }

    @Test("a 401 'Full authentication is required' from the token endpoint points at OPSRAMP_TOKEN_PATH, not the credentials")
    func fullAuthenticationRequired() async throws {
        let tenant = try FakeTenant()
        tenant.fake.inject(
            .status(401, body: #"{"error":"unauthorized","error_description":"Full authentication is required to access this resource"}"#),
            on: .token)
        let (status, output, _) = try await runCheck(tenant.environment())
        #expect(status == 1)
        #expect(output.contains("[FAIL] access token"))
        #expect(output.contains("OPSRAMP_TOKEN_PATH=/auth/oauth/token"), "\(output)")
        #expect(!output.contains("Check OPSRAMP_CLIENT_ID"), "the credentials are not the problem: \(output)")

        // A plain 401 (wrong secret) still points at the credentials.
        let (_, badSecret, _) = try await runCheck(tenant.environment(["OPSRAMP_CLIENT_SECRET": "wrong-secret-value"]))
        #expect(badSecret.contains("Check OPSRAMP_CLIENT_ID and OPSRAMP_CLIENT_SECRET"))
        #expect(!badSecret.contains("OPSRAMP_TOKEN_PATH="))
    }

    @Test(
        "a failed tenant step shows the tenant id formats and whether the configured id has one",
        arguments: [
            ("client_9999", "client_9999 has that form"), ("acme-prod", "acme-prod does not have that form"),
        ])
    func tenantFormat(_ tenantID: String, _ verdict: String) async throws {
        let tenant = try FakeTenant()
        let (status, output, _) = try await runCheck(tenant.environment(["OPSRAMP_TENANT_ID": tenantID]))
        #expect(status == 1)
        #expect(output.contains("[FAIL] tenant \(tenantID)"))
        #expect(output.contains("a UUID (5878ee58-8c5b-46a8-b975-3754c3c67977), client_<number> or msp_<number>"), "\(output)")
        #expect(output.contains(verdict))
    }

    @Test(
        "a 404 or 403 from the release-version endpoint is a warning ('not available on this pod'); the alert search decides",
        arguments: [404, 403])
    func releaseVersionMissing(_ code: Int) async throws {
        let tenant = try FakeTenant()
        tenant.fake.inject(.status(code, body: #"{"code":"0404","message":"Not found"}"#), on: .releaseVersion)
        let (status, output, _) = try await runCheck(tenant.environment())
        #expect(status == 0, "\(output)")
        #expect(output.contains("[WARN] API call (release version)"))
        #expect(output.contains("not available on this pod (HTTP \(code)"))
        #expect(output.contains("[PASS] tenant client_1234"))
        #expect(tenant.requests(on: .alerts).count == 1)
    }

    @Test(
        "get_release_version reads a 404 or 403 as 'not available on this pod', never as a broken connection, and names the tools that prove it",
        arguments: [Fault.html(404), Fault.status(403, body: #"{"error":"access_denied","error_description":"Access is denied"}"#)])
    func releaseVersionToolMissing(_ fault: Fault) async throws {
        let tenant = try FakeTenant()
        tenant.fake.inject(fault, on: .releaseVersion)
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_release_version")
        #expect(result["isError"] == true)
        #expect(result.text.contains("not available on this pod"), "\(result.text)")
        #expect(result.text.contains("does not mean the connection is broken"))
        #expect(result.text.contains("get_alerts") && result.text.contains("get_alert_statistics_dashboard"))
        #expect(!result.text.contains("Check OPSRAMP_BASE_URL") && !result.text.contains("Check OPSRAMP_TENANT_ID"), "\(result.text)")
        #expect(!result.text.contains("role may lack permission"), "\(result.text)")
        // Not retried: a missing endpoint stays missing.
        #expect(tenant.requests(on: .releaseVersion).count == 1)
        // And the description no longer offers the tool as the connection check.
        let listed = try await server.request("tools/list")
        let tool = listed["result"]?["tools"]?.arrayValue?.first { $0["name"] == "get_release_version" }
        let description = tool?["description"]?.stringValue ?? ""
        #expect(description.contains("does not mean the connection is broken"), "\(description)")
        #expect(!description.contains("Use it to check that the connection"))
    }

    @Test("a tool selection that leaves no tools fails the check (the connection is still checked), and --list-tools warns")
    func emptyToolSelection() async throws {
        let tenant = try FakeTenant()
        let (status, output, _) = try await runCheck(tenant.environment(["OPSRAMP_MCP_TOOLS": "get_alert"]))
        #expect(status == 1)
        #expect(output.contains("[FAIL] tool selection"))
        #expect(output.contains("get_alert,") || output.contains("get_alert "), "the unknown name is named: \(output)")
        #expect(output.contains("[PASS] access token"))
        #expect(output.contains("no tools are exposed"))
        #expect(!output.contains("All checks passed"))

        let (listStatus, listed, warnings) = try await runCheck(["OPSRAMP_MCP_TOOLS": "get_alert"], arguments: ["--list-tools"])
        #expect(listStatus == 1)
        #expect(listed.isEmpty)
        #expect(warnings.contains("no tools are exposed"))
        #expect(warnings.contains("get_alert"))
    }

    @Test("each --check line reaches a pipe as soon as its step ends, not when the process exits")
    func linesAreFlushed() async throws {
        let tenant = try FakeTenant()
        tenant.fake.inject(.delay(3), on: .alerts)
        let process = try ServerProcess(environment: tenant.environment(), arguments: ["--check"])
        process.closeStdin()
        let deadline = ContinuousClock.now + .seconds(2.5)
        var seen = ""
        while ContinuousClock.now < deadline {
            seen = String(decoding: process.stdoutBytes, as: UTF8.self)
            if seen.contains("[PASS] access token") { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(seen.contains("[PASS] access token"), "nothing arrived while the alert search was delayed: \(seen)")
        #expect(process.child.isRunning, "the line must arrive while the check is still running")
        #expect(!seen.contains("[PASS] tenant"))
        let status = await process.waitForExit(timeout: 20)
        #expect(status == 0)
    }

    @Test("a placeholder left in the settings (from --print-host-config) is named as a placeholder")
    func placeholderLeftIn() async throws {
        let tenant = try FakeTenant()
        let (status, output, _) = try await runCheck(tenant.environment(["OPSRAMP_CLIENT_SECRET": "<the Secret of your OpsRamp custom integration>"]))
        #expect(status == 1)
        #expect(output.contains("OPSRAMP_CLIENT_SECRET still holds a placeholder"), "\(output)")
        #expect(tenant.fake.requests.isEmpty)
    }

    @Test("serving with a portal URL or clear-text http logs a warning at start-up, so a host's log shows it")
    func startupWarnings() async throws {
        let portal = try ServerProcess(environment: FakeTenant.settings(["OPSRAMP_BASE_URL": "https://acme.app.opsramp.com"]))
        try await portal.initialize()
        #expect(portal.stderrText.contains("set OPSRAMP_BASE_URL=https://acme.api.opsramp.com"), "\(portal.stderrText)")
        let clear = try ServerProcess(
            environment: FakeTenant.settings(["OPSRAMP_BASE_URL": "http://opsramp.invalid", "OPSRAMP_ALLOW_INSECURE_HTTP": "1"]))
        try await clear.initialize()
        #expect(clear.stderrText.contains("travels in clear text"))
    }
}
