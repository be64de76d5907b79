import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line a user types: help, version, check, tool selection, env files, log file.
@Suite("Process: command line")
struct CommandLineTests {
    /// Runs the binary with `arguments` to its exit; returns status, stdout, stderr.
    func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) async throws -> (Int32?, String, String) {
        let process = try ServerProcess(environment: environment, arguments: arguments, workingDirectory: directory)
        process.closeStdin()
        let status = await process.waitForExit(timeout: 20)
        return (status, String(decoding: process.stdoutBytes, as: UTF8.self), process.stderrText)
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("--help documents every option and every variable")
    func help() async throws {
        let (status, output, _) = try await run(["--help"])
        #expect(status == 0)
        for option in ["--demo", "--env-file", "--check", "--list-tools", "--print-host-config", "--tools", "--exclude-tools", "--version", "--help"]
        {
            #expect(output.contains(option), "help lacks \(option)")
        }
        for variable in [
            "OPSRAMP_BASE_URL", "OPSRAMP_CLIENT_ID", "OPSRAMP_CLIENT_SECRET", "OPSRAMP_TENANT_ID", "OPSRAMP_TOKEN_PATH",
            "OPSRAMP_REQUEST_TIMEOUT", "OPSRAMP_PORTAL_URL", "OPSRAMP_ALERT_DASHBOARD_ID", "OPSRAMP_MCP_LOG_LEVEL",
            "OPSRAMP_MCP_LOG_FILE", "OPSRAMP_MCP_TOOLS", "OPSRAMP_MCP_EXCLUDE_TOOLS", "OPSRAMP_MCP_TOOL_PREFIX", "OPSRAMP_CA_BUNDLE",
        ] {
            #expect(output.contains(variable), "help lacks \(variable)")
        }
        #expect(!output.contains("call the release-version\n"), "--check does more than call the release endpoint")
        #expect(output.contains("alert search"))
        let examples = try #require(output.range(of: "Examples:"))
        #expect(
            output[examples.upperBound...].split(separator: "\n").filter { $0.hasPrefix("  opsramp-mcp-server") || $0.hasPrefix("  OPSRAMP_") }.count
                >= 3,
            "help ends with examples")
    }

    @Test("--version and serverInfo report the same version")
    func version() async throws {
        let (status, output, _) = try await run(["--version"])
        #expect(status == 0)
        let server = try ServerProcess()
        let info = try await server.initialize()
        let version = try #require(info["serverInfo"]?["version"]?.stringValue)
        let line = output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("opsramp-mcp-server \(version) ("), "\(line)")
        // A release build names its commit and build date; a plain `swift build` says it has none.
        let stamped = line.range(of: #"\(commit [0-9a-f]{7,}(-dirty)?, built \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$"#, options: .regularExpression) != nil
        #expect(stamped || line.hasSuffix("(development build: no commit or build date recorded; scripts/release.sh records them)"), "\(line)")
        let changelog = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        #expect(changelog.contains("## \(version)"), "CHANGELOG.md has no entry for \(version)")
    }

    @Test(
        "unknown options and bad values exit 2 with a clear message",
        arguments: [
            ["--frobnicate"], ["--env-file"], ["--tools", "get_alertz"], ["--env-file", "/nonexistent/.env"], ["--help=yes"],
            ["--check", "--list-tools"], ["--demo=yes"],
        ])
    func usageErrors(_ arguments: [String]) async throws {
        let (status, output, errors) = try await run(arguments)
        #expect(status == 2)
        #expect(output.isEmpty)
        #expect(errors.contains("opsramp-mcp-server:"))
    }

    @Test("--list-tools honours --tools, --exclude-tools and the name prefix, with a one-line description per tool")
    func listTools() async throws {
        let (_, all, _) = try await run(["--list-tools"])
        #expect(all.split(separator: "\n").count == 6)
        // The description's first sentence, not the title (the README promises descriptions).
        #expect(all.split(separator: "\n").allSatisfy { $0.hasSuffix(".") && $0.split(separator: " ").count > 4 }, "\(all)")
        let (_, some, _) = try await run(["--list-tools", "--tools", "get_alerts,get_query_examples"])
        let someNames: [String] = some.split(separator: "\n").map { line in String(line.prefix(while: { $0 != ":" })) }
        #expect(someNames == ["get_alerts", "get_query_examples"])
        let (_, fewer, _) = try await run(["--list-tools", "--exclude-tools=execute_opsql_query"])
        #expect(fewer.split(separator: "\n").count == 5)
        #expect(!fewer.split(separator: "\n").contains { $0.hasPrefix("execute_opsql_query:") })
        let (_, prefixed, _) = try await run(["--list-tools"], environment: ["OPSRAMP_MCP_TOOL_PREFIX": "prod_", "OPSRAMP_MCP_TOOLS": "get_alerts"])
        #expect(prefixed.hasPrefix("prod_get_alerts:"))
    }

    @Test("a prefixed tool is listed and callable under its new name")
    func prefixedServer() async throws {
        let server = try ServerProcess(environment: ["OPSRAMP_MCP_TOOL_PREFIX": "eu_"])
        try await server.initialize()
        let listed = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        let names: [String] = listed.compactMap { $0["name"]?.stringValue }
        #expect(names.count == 6)
        #expect(names.allSatisfy { $0.hasPrefix("eu_") })
        let result = try await server.callTool("eu_get_query_examples", ["category": "topology"])
        #expect(result["isError"] == false)
        let prompt = try await server.request("prompts/get", params: ["name": "alerts_in_window"])
        #expect(prompt["result"]?["messages"]?[0]?["content"]?["text"]?.stringValue?.contains("eu_get_alerts") == true)
    }

    @Test("--check against a working tenant: every step PASS, exit 0, no secret printed")
    func checkPasses() async throws {
        let tenant = try FakeTenant()
        let (status, output, errors) = try await run(["--check"], environment: tenant.environment())
        #expect(status == 0, "\(output)")
        #expect(output.contains("[PASS] configuration"))
        #expect(output.contains("[PASS] access token"))
        #expect(output.contains("[PASS] API call (release version)"))
        #expect(!(output + errors).contains(FakeTenant.canarySecret))
    }

    @Test("--check explains each failure with its fix, and exits 1", arguments: ["nothing", "badSecret", "wrongPath", "unreachable", "wrongTenant"])
    func checkFails(_ case: String) async throws {
        let tenant = try FakeTenant()
        var environment = tenant.environment()
        let expected: String
        switch `case` {
        case "nothing":
            environment = [:]
            expected = "OPSRAMP_BASE_URL is not set"
        case "badSecret":
            environment["OPSRAMP_CLIENT_SECRET"] = "not-the-right-secret"
            expected = "Check OPSRAMP_CLIENT_ID and OPSRAMP_CLIENT_SECRET"
        case "wrongPath":
            environment["OPSRAMP_TOKEN_PATH"] = "/oauth/token/wrong"
            expected = "OPSRAMP_TOKEN_PATH"
        case "wrongTenant":
            environment["OPSRAMP_TENANT_ID"] = "client_9999"
            expected = "Check OPSRAMP_TENANT_ID"
        default:
            let closed = try SilentListener()
            closed.close()
            environment["OPSRAMP_BASE_URL"] = "http://127.0.0.1:\(closed.port)"
            expected = "Check OPSRAMP_BASE_URL"
        }
        let (status, output, errors) = try await run(["--check"], environment: environment)
        #expect(status == 1)
        #expect(output.contains("[FAIL]"))
        #expect(output.contains(expected), "\(output)")
        #expect(!(output + errors).contains("not-the-right-secret"))
        #expect(!(output + errors).contains(FakeTenant.canarySecret))
    }

    @Test("--env-file and a .env in the working directory are read; real variables win")
    func environmentFiles() async throws {
        let tenant = try FakeTenant()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = tenant.environment().map { "\($0.key)=\($0.value)" }
        lines.append("# a comment")
        try lines.joined(separator: "\n").write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let (status, output, _) = try await run(["--check"], directory: directory)
        #expect(status == 0, "\(output)")
        #expect(output.contains(".env"))

        let (explicit, _, _) = try await run(["--check", "--env-file", directory.appendingPathComponent(".env").path])
        #expect(explicit == 0)
        let (overridden, overriddenOutput, _) = try await run(["--check"], environment: ["OPSRAMP_TENANT_ID": "client_4321"], directory: directory)
        #expect(overridden == 1)
        #expect(overriddenOutput.contains("tenant client_4321"))
        #expect(overriddenOutput.contains("Check OPSRAMP_TENANT_ID"))
        // With the secret from the environment, the folder's .env may not choose where it is sent.
        let (redirected, redirectedOutput, _) = try await run(
            ["--check"], environment: ["OPSRAMP_CLIENT_SECRET": FakeTenant.canarySecret], directory: directory)
        #expect(redirected == 1)
        #expect(redirectedOutput.contains("ignored OPSRAMP_BASE_URL"))
    }

    @Test("a .env with Windows line ends is read line by line, and its secret is never shown")
    func windowsLineEnds() async throws {
        let tenant = try FakeTenant()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = tenant.environment().map { "\($0.key)=\($0.value)" }.joined(separator: "\r\n") + "\r\n"
        let path = directory.appendingPathComponent("windows.env").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (status, output, errors) = try await run(["--check", "--env-file", path])
        #expect(status == 0, "\(output)")
        #expect(!(output + errors).contains(FakeTenant.canarySecret))
    }

    @Test("a project's own .env in the working directory cannot stop the server; a named --env-file must be valid")
    func lenientImplicitEnvironmentFile() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "PRIVATE_KEY=\"-----BEGIN\nabc\n-----END\"\nOPSRAMP_MCP_TOOL_PREFIX=proj_\n"
            .write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let server = try ServerProcess(workingDirectory: directory)
        let info = try await server.initialize()
        #expect(info["serverInfo"] != nil)
        #expect(server.stderrText.contains("skipped"))
        #expect(!server.stderrText.contains("abc"))
        let names = try await server.request("tools/list")["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.first?.hasPrefix("proj_") == true) // the good line was still read
        let (status, _, errors) = try await run(["--list-tools", "--env-file", directory.appendingPathComponent(".env").path])
        #expect(status == 2)
        #expect(errors.contains("unterminated double quote"))
    }

    @Test("--env-file expands a leading ~/, as hosts pass it unexpanded")
    func homeExpansion() async throws {
        let tenant = try FakeTenant()
        let home = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        try tenant.environment().map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
            .write(to: home.appendingPathComponent("opsramp.env"), atomically: true, encoding: .utf8)
        let (status, output, _) = try await run(["--check", "--env-file", "~/opsramp.env"], environment: ["HOME": home.path])
        #expect(status == 0, "\(output)")
    }

    @Test("unknown names in OPSRAMP_MCP_TOOLS are ignored with a warning naming the variable; the server still serves")
    func unknownToolNamesInSettings() async throws {
        let server = try ServerProcess(environment: ["OPSRAMP_MCP_TOOLS": "get_alertz,get_query_examples"])
        try await server.initialize()
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        #expect(tools.compactMap { $0["name"]?.stringValue } == ["get_query_examples"])
        #expect(server.stderrText.contains("OPSRAMP_MCP_TOOLS"))
        #expect(server.stderrText.contains("get_alertz"))
    }

    @Test("the log file is owner-only and has time, level and request id on each line, with secrets redacted")
    func logFile() async throws {
        let tenant = try FakeTenant()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("server.log").path
        let server = try await tenant.startServer(["OPSRAMP_MCP_LOG_FILE": path, "OPSRAMP_MCP_LOG_LEVEL": "debug"])
        server.send(#"{"jsonrpc":"2.0","id":"logged-1","method":"tools/call","params":{"name":"get_release_version","arguments":{}}}"#)
        _ = try await server.response(id: "logged-1")
        server.closeStdin()
        _ = await server.waitForExit(timeout: 5)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let log = try String(contentsOfFile: path, encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(!lines.isEmpty)
        let pattern = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (debug|info|notice|warning|error) \["#
        let malformed = lines.filter { $0.range(of: pattern, options: .regularExpression) == nil }
        #expect(malformed.isEmpty)
        #expect(lines.contains { $0.contains("req=\"logged-1\"") })
        #expect(!log.contains(FakeTenant.canarySecret))
        for token in tenant.tokensSeen { #expect(!log.contains(token)) }
    }
}
