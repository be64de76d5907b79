import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// Upstream answers that echo the secret back, in the forms they would: the secret must not
/// reach a tool result, a log line or `--check` in any of them.
@Suite("Process: echoed secrets")
struct SecretRedactionTests {
    /// Characters that every encoding treats differently, and a combining mark after a `+`.
    static let secret = "Zq9#p@ss w+\u{0301}rd/\"é\\-secret"

    /// The token request body exactly as the server sends it (strict percent-encoding).
    static func formBody(clientID: String, secret: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return "grant_type=client_credentials&client_id=\(clientID)&client_secret="
            + (secret.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")
    }

    func cliRun(_ arguments: [String], environment: [String: String]) async throws -> String {
        let process = try ServerProcess(environment: environment, arguments: arguments)
        process.closeStdin()
        _ = await process.waitForExit(timeout: 20)
        return String(decoding: process.stdoutBytes, as: UTF8.self) + process.stderrText
    }

    @Test("a token endpoint that echoes the form body: the percent-encoded secret is redacted in the result and the logs")
    func echoedFormBody() async throws {
        let tenant = try FakeTenant(secret: Self.secret)
        let echo =
            #"{"error":"invalid_request","error_description":"could not parse \#(Self.formBody(clientID: "mcp-test-key", secret: Self.secret))"}"#
        tenant.fake.inject(.status(400, body: echo), on: .token)
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_release_version")
        #expect(result["isError"] == true)
        #expect(result.text.contains("client_secret=<redacted>"))
        server.closeStdin()
        _ = await server.waitForExit(timeout: 5)
        tenant.expectNoSecrets(in: server)
    }

    @Test("--check: a secret in error_description, raw or form-encoded, is redacted in every printed line", arguments: ["raw", "form"])
    func checkRedacts(_ shape: String) async throws {
        let tenant = try FakeTenant(secret: Self.secret)
        let detail = shape == "raw" ? "the secret \(Self.secret) is not valid" : Self.formBody(clientID: "mcp-test-key", secret: Self.secret)
        tenant.fake.inject(.status(401, body: JSONWriter.string(["error": "invalid_client", "error_description": .string(detail)])), on: .token)
        let output = try await cliRun(["--check"], environment: tenant.environment())
        #expect(output.contains("[FAIL] access token"))
        #expect(output.contains("<redacted>"))
        tenant.expectNoSecret(in: output)
    }

    @Test("a secret that a model passes back in an argument never reaches stdout or the logs")
    func secretInArguments() async throws {
        let tenant = try FakeTenant(secret: Self.secret)
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_alerts", ["query_string": .string("uniqueId:\(Self.secret)"), "states": [.string(Self.secret)]])
        #expect(result["isError"] == true)
        server.closeStdin()
        _ = await server.waitForExit(timeout: 5)
        tenant.expectNoSecrets(in: server)
    }
}
