import FakeOpsRamp
import Foundation
import JSON
import Testing

/// Hosts that stop reading what the server writes: the server must keep answering (stderr)
/// or wait for them without growing (stdout).
@Suite("Process: hosts that stop reading")
struct HostBehaviourTests {
    static func call(_ id: Int, _ tool: String, _ arguments: String = "{}") -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)}}"#
    }

    @Test("a host that never reads stderr gets every answer to 5,000 tool calls at debug level")
    func stderrNeverRead() async throws {
        let tenant = try FakeTenant()
        let server = try ServerProcess(environment: tenant.environment(["OPSRAMP_MCP_LOG_LEVEL": "debug"]), readStderr: false)
        try await server.initialize()
        let total = 5_000
        var sent = 0
        while sent < total {
            let batch = (sent..<min(total, sent + 250)).map { Self.call(10_000 + $0, "get_release_version") }
            server.send(batch.joined(separator: "\n"))
            sent += batch.count
            // +1 for the initialize answer.
            let lines = try await server.waitForLines(sent + 1, timeout: 30)
            try #require(lines.count >= sent + 1, "stuck after \(lines.count - 1) answers")
        }
        let answers = try server.messages().filter { $0["id"]?.intValue.map { $0 >= 10_000 } == true }
        #expect(answers.count == total)
        #expect(answers.allSatisfy { $0["result"]?["isError"] == false })
    }
}
