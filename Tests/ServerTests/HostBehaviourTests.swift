import FakeOpsRamp
import Foundation
import OpsRampJSON
import TestChildProcess
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

    @Test("a host that stops reading stdout but keeps writing requests: the server stops reading, stays small, then answers all 20,000")
    func stdoutNotRead() async throws {
        let server = try ServerProcess(readStdout: false)
        let total = 20_000
        var lines = [
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
        ]
        lines += (1...total).map { Self.call($0, "get_query_examples", #"{"category":"alerts"}"#) }
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        let written = SharedCounter(0)
        let child = server.child
        // The host's writes block once the server stops reading, as a real host's would.
        Thread {
            var offset = 0
            while offset < input.count {
                let end = min(input.count, offset + 4_096)
                guard child.writeAll(Array(input[offset..<end])) else { return }
                written.add(end - offset)
                offset = end
            }
        }.start()

        // Wait until the host's writes stall (the server stopped reading), then look at the server.
        var last = -1
        var stalledFor = 0
        while stalledFor < 10, written.value < input.count {
            try await Task.sleep(for: .milliseconds(200))
            stalledFor = written.value == last ? stalledFor + 1 : 0
            last = written.value
        }
        #expect(written.value < input.count, "the server read all input although nothing was read from its stdout")
        let stalledMemory = try #require(server.peakMemoryKB)
        #expect(stalledMemory < 80 * 1024, "peak RSS \(stalledMemory / 1024) MB while stdout was not read")

        server.startReadingStdout()
        let answered = try await server.waitForLines(total + 1, timeout: 120)
        #expect(answered.count == total + 1)
        #expect(written.value == input.count)
        let ids = Set(try server.messages().compactMap { $0["id"]?.intValue })
        #expect(ids == Set(0...total))
    }
}
