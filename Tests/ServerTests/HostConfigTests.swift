import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// `--print-host-config`: valid JSON for each host, the binary's own path, never the secret.
@Suite("Process: --print-host-config")
struct HostConfigTests {
    static let hosts = ["claude-desktop", "claude-code", "vscode", "cursor"]

    func run(_ arguments: [String], environment: [String: String], directory: URL? = nil) async throws -> (Int32?, String, String) {
        let process = try ServerProcess(environment: environment, arguments: arguments, workingDirectory: directory)
        process.closeStdin()
        let status = await process.waitForExit(timeout: 20)
        return (status, String(decoding: process.stdoutBytes, as: UTF8.self), process.stderrText)
    }

    /// The server's entry in a snippet: under `servers` for VS Code, `mcpServers` elsewhere.
    func entry(_ snippet: JSONValue, host: String, name: String = "opsramp") -> JSONValue? {
        snippet[host == "vscode" ? "servers" : "mcpServers"]?[name]
    }

    var binaryPath: String { ServerProcess.binaryURL.resolvingSymlinksInPath().path }

    @Test(
        "each host gets valid JSON that starts this binary by its absolute path, with the settings found and no secret",
        arguments: hosts)
    func snippetFromEnvironment(_ host: String) async throws {
        let tenant = try FakeTenant()
        let (status, output, notes) = try await run(["--print-host-config", host], environment: tenant.environment(["HOME": "/tmp"]))
        #expect(status == 0, "\(notes)")
        let snippet = try JSONParser.parse(output)
        let server = try #require(entry(snippet, host: host), "\(output)")
        #expect(server["command"]?.stringValue == binaryPath)
        #expect(server["command"]?.stringValue?.hasPrefix("/") == true)
        #expect(server["env"]?["OPSRAMP_BASE_URL"]?.stringValue == tenant.fake.baseURL)
        #expect(server["env"]?["OPSRAMP_TENANT_ID"] == "client_1234")
        #expect(server["env"]?["OPSRAMP_CLIENT_ID"] == "mcp-test-key")
        #expect(!(output + notes).contains(FakeTenant.canarySecret))
        let secret = try #require(server["env"]?["OPSRAMP_CLIENT_SECRET"]?.stringValue)
        if host == "vscode" {
            #expect(secret == "${input:opsramp-client-secret}")
            let input = try #require(snippet["inputs"]?[0])
            #expect(input["id"] == "opsramp-client-secret")
            #expect(input["password"] == true)
            #expect(server["type"] == "stdio")
        } else {
            #expect(secret.hasPrefix("<") && secret.hasSuffix(">"), "a placeholder, got \(secret)")
            #expect(notes.contains("--env-file"), "the notes recommend a settings file")
        }
    }

    @Test("with --env-file the snippet references the file by absolute path and holds no secret at all", arguments: hosts)
    func snippetWithSettingsFile(_ host: String) async throws {
        let tenant = try FakeTenant()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-host-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try tenant.environment().map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
            .write(to: directory.appendingPathComponent("opsramp.env"), atomically: true, encoding: .utf8)
        // A relative path, as a user types it in the folder that holds the file.
        let (status, output, notes) = try await run(
            ["--print-host-config", host, "--env-file", "opsramp.env", "--tools", "get_alerts"],
            environment: [:], directory: directory)
        #expect(status == 0, "\(notes)")
        let server = try #require(entry(try JSONParser.parse(output), host: host), "\(output)")
        let file = directory.appendingPathComponent("opsramp.env").standardized.path
        #expect(server["args"] == .array([.string("--env-file"), .string(file), "--tools", "get_alerts"]))
        #expect(server["env"]?["OPSRAMP_CLIENT_SECRET"] == nil)
        #expect(server["env"]?["OPSRAMP_BASE_URL"] == nil, "settings from the file stay in the file")

        // With the secret also in the environment, the file's secret must not be shadowed by a placeholder.
        let (_, both, _) = try await run(
            ["--print-host-config", host, "--env-file", "opsramp.env"],
            environment: ["OPSRAMP_CLIENT_SECRET": FakeTenant.canarySecret], directory: directory)
        #expect(entry(try JSONParser.parse(both), host: host)?["env"]?["OPSRAMP_CLIENT_SECRET"] == nil, "\(both)")
        #expect(!both.contains(FakeTenant.canarySecret))
        #expect(!(output + notes).contains(FakeTenant.canarySecret))
        if host == "vscode" { #expect(try JSONParser.parse(output)["inputs"] == nil) }
    }

    @Test("a .env in the working directory is referenced absolutely, since hosts start servers elsewhere")
    func implicitEnvironmentFile() async throws {
        let tenant = try FakeTenant()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-host-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try tenant.environment().map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
            .write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let (status, output, _) = try await run(["--print-host-config", "cursor"], environment: [:], directory: directory)
        #expect(status == 0)
        let server = try #require(entry(try JSONParser.parse(output), host: "cursor"))
        #expect(server["args"]?[1]?.stringValue == directory.appendingPathComponent(".env").standardized.path)
    }

    @Test("missing settings become placeholders that the server later names as such; a tool prefix names the server")
    func placeholdersAndPrefix() async throws {
        let (status, output, notes) = try await run(["--print-host-config", "claude-desktop"], environment: ["OPSRAMP_MCP_TOOL_PREFIX": "prod_"])
        #expect(status == 0)
        let server = try #require(entry(try JSONParser.parse(output), host: "claude-desktop", name: "opsramp-prod"), "\(output)")
        #expect(server["env"]?["OPSRAMP_MCP_TOOL_PREFIX"] == "prod_")
        for name in ["OPSRAMP_BASE_URL", "OPSRAMP_TENANT_ID", "OPSRAMP_CLIENT_ID", "OPSRAMP_CLIENT_SECRET"] {
            let value = server["env"]?[name]?.stringValue ?? ""
            #expect(value.hasPrefix("<") && value.hasSuffix(">"), "\(name): \(value)")
        }
        #expect(notes.contains("Not set anywhere yet"))
    }

    @Test("an unknown host is a usage error that lists the hosts")
    func unknownHost() async throws {
        let (status, output, errors) = try await run(["--print-host-config", "emacs"], environment: [:])
        #expect(status == 2)
        #expect(output.isEmpty)
        for host in Self.hosts { #expect(errors.contains(host)) }
    }
}
