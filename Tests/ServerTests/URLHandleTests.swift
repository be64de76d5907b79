import FakeOpsRamp
import Foundation
import Testing

/// corelibs Foundation leaks a libcurl URL handle's parts on every request; the shim releases them.
@Suite("Process: libcurl URL handles released in full")
struct URLHandleTests {
    @Test("each request's URL handle is released with curl_url_cleanup, not leaked")
    func released() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_MCP_LOG_LEVEL": "debug"])
        for _ in 0..<30 {
            let result = try await server.callTool("get_release_version")
            #expect(result["isError"] == false)
        }
        server.closeStdin()
        _ = await server.waitForExit(timeout: 10)
        let line = server.stderrText.split(separator: "\n").first { $0.contains("URL handles released in full") } ?? ""
        let count = line.split(separator: " ").reversed().dropFirst(1).first.flatMap { Int($0) } ?? -1
        // The token request and the 30 calls each checked their host once.
        #expect(count >= 31, "\(line)")
    }
}
