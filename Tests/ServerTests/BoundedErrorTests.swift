import Foundation
import OpsRampJSON
import Testing

/// Hostile input gets an answer as bounded as a result: a few violations, every echoed value cut.
@Suite("Process: bounded errors")
struct BoundedErrorTests {
    /// Just under the 16 MiB line limit.
    static let lineBudget = 16 * 1024 * 1024 - 512

    @Test("a 16 MB get_alerts line with eight million bad values gets an answer of a few KB, and the server stays small")
    func millionsOfViolations() async throws {
        let server = try ServerProcess(environment: ["OPSRAMP_MCP_LOG_LEVEL": "info"])
        try await server.initialize()
        let count = Self.lineBudget / 2
        let values = Array(repeating: "7", count: count).joined(separator: ",")
        server.send(#"{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"get_alerts","arguments":{"states":[\#(values)]}}}"#)
        let response = try await server.response(id: "big", timeout: 120)
        let answer = JSONWriter.bytes(response)
        #expect(answer.count < 4_000, "answer of \(answer.count) bytes")
        let text = response["result"]?.text ?? ""
        #expect(response["result"]?["isError"] == true)
        #expect(text.contains("states[0]: expected a string, got an integer"))
        #expect(text.contains("and \(count - 5) more"))
        let peak = try #require(server.peakMemoryKB)
        #expect(peak < 400 * 1024, "peak RSS \(peak / 1024) MB")
        server.closeStdin()
        _ = await server.waitForExit(timeout: 10)
        let longestLogLine = server.stderrText.split(separator: "\n").map(\.utf8.count).max() ?? 0
        #expect(longestLogLine < 10_000)
    }

    @Test(
        "one 16 MB value, key, tool name, prompt name or resource URI is echoed in about 100 characters",
        arguments: ["value", "key", "tool", "prompt", "uri"])
    func hugeEcho(_ kind: String) async throws {
        let server = try ServerProcess()
        try await server.initialize()
        let huge = String(repeating: "W", count: Self.lineBudget - 400)
        let line: String
        switch kind {
        case "value": line = #"{"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"get_alerts","arguments":{"time_base":"\#(huge)"}}}"#
        case "key": line = #"{"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"get_alerts","arguments":{"\#(huge)":1}}}"#
        case "tool": line = #"{"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"\#(huge)"}}"#
        case "prompt": line = #"{"jsonrpc":"2.0","id":"e","method":"prompts/get","params":{"name":"\#(huge)"}}"#
        default: line = #"{"jsonrpc":"2.0","id":"e","method":"resources/read","params":{"uri":"\#(huge)"}}"#
        }
        server.send(line)
        let response = try await server.response(id: "e", timeout: 60)
        let answer = JSONWriter.string(response)
        #expect(answer.utf8.count < 2_000, "answer of \(answer.utf8.count) bytes")
        #expect(answer.contains(String(repeating: "W", count: 100) + "..."))
        #expect(!answer.contains(String(repeating: "W", count: 101)))
    }
}
