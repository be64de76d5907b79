import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Process: hostile input")
struct FuzzTests {
    @Test("a 10,000+ case corpus of hostile lines: no crash, only JSON-RPC on stdout, every usable id answered, bounded memory")
    func corpus() async throws {
        let corpus = FuzzCorpus(seed: 0x5EED_0F_F022)
        #expect(corpus.cases.count >= 10_000)
        // Against a fake tenant, so that tool calls that pass validation really reach the OpsRamp client.
        let tenant = try FakeTenant()
        let server = try ServerProcess(environment: tenant.environment(["OPSRAMP_MCP_LOG_LEVEL": "error"]))
        try await server.initialize()
        let started = ContinuousClock.now
        let writer = Task.detached {
            var chunk: [UInt8] = []
            for fuzzCase in corpus.cases {
                chunk += fuzzCase.line
                chunk.append(0x0A)
                if chunk.count > 256 * 1024 {
                    server.write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            chunk += Array(#"{"jsonrpc":"2.0","id":"fuzz-end","method":"ping"}"#.utf8) + [0x0A]
            server.write(chunk)
        }
        await writer.value
        _ = try await server.response(id: "fuzz-end", timeout: 240)
        // Tool calls run concurrently; give stragglers a moment.
        try await Task.sleep(for: .milliseconds(500))
        let peakKB = server.peakMemoryKB ?? 0

        var failures: [String] = []
        let lines = server.stdoutLines
        for line in lines {
            if let problem = jsonRPCProblem(line) { failures.append("stdout: \(problem)") }
        }
        var answersByID: [JSONValue: Int] = [:]
        for message in try server.messages() {
            for single in message.arrayValue ?? [message] where single["method"] == nil {
                answersByID[single["id"] ?? .null, default: 0] += 1
            }
        }
        var nullAllowance = 0
        for fuzzCase in corpus.cases {
            switch fuzzCase.expectation {
            case .response(let id):
                if answersByID[id] == nil { failures.append("\(fuzzCase.category): no answer for id \(id.description.prefix(60))") }
            case .nullIDErrorOrSilence:
                nullAllowance += 1
            case .silence:
                break
            }
        }
        let nullAnswers = answersByID[.null] ?? 0
        if nullAnswers > nullAllowance { failures.append("\(nullAnswers) null-id answers for \(nullAllowance) unreadable inputs") }
        let expectedIDs = Set(
            corpus.cases.compactMap { fuzzCase -> JSONValue? in
                if case .response(let id) = fuzzCase.expectation { return id }
                return nil
            })
        for (id, count) in answersByID where id != .null && id != "fuzz-end" && id != .int(1001) {
            if !expectedIDs.contains(id) { failures.append("answered an id that expected silence: \(id.description.prefix(60))") }
            if count > 1 && !["-1", "0", "1.5", "1e3", "-0"].contains(id.description) && id.stringValue?.hasPrefix("fz-") == true {
                failures.append("id \(id) answered \(count) times")
            }
        }

        server.closeStdin()
        let status = await server.waitForExit(timeout: 10)
        if status != 0 { failures.append("exit status \(status.map(String.init) ?? "none (still running)")") }
        let seconds = Double((ContinuousClock.now - started).components.seconds)
        print(
            "fuzz corpus: \(corpus.cases.count) cases, \(lines.count) answers, \(failures.count) failures, peak RSS \(peakKB / 1024) MB, \(Int(seconds)) s"
        )
        for failure in failures.prefix(20) { print("  \(failure)") }
        #expect(failures.isEmpty)
        #expect(!tenant.fake.requests.isEmpty, "no tool call reached the fake OpsRamp")
        tenant.expectNoSecrets(in: server)
        #if os(Linux)
        #expect(peakKB > 0 && peakKB < 400 * 1024, "peak RSS \(peakKB) kB")
        #endif
    }
}
