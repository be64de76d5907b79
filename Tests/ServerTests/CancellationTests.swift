import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Process: cancellation")
struct CancellationTests {
    @Test("notifications/cancelled abandons the HTTP request, sends no answer, and the server keeps serving")
    func cancelAbandonsHTTP() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_REQUEST_TIMEOUT": "30"])
        _ = try await server.callTool("get_release_version") // warm the token so the hang is on the API call
        tenant.fake.inject(.hang, on: .releaseVersion)
        server.send(#"{"jsonrpc":"2.0","id":"doomed","method":"tools/call","params":{"name":"get_release_version","arguments":{}}}"#)
        let deadline = ContinuousClock.now + .seconds(5)
        while tenant.requests(on: .releaseVersion).count < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(tenant.fake.abandonedHangCount == 0)
        server.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"doomed","reason":"user pressed stop"}}"#)
        let cancelDeadline = ContinuousClock.now + .seconds(3)
        while tenant.fake.abandonedHangCount == 0, ContinuousClock.now < cancelDeadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(tenant.fake.abandonedHangCount == 1, "the server should have closed the hung connection")
        try await server.request("ping")
        let after = try await server.callTool("get_release_version")
        #expect(after["isError"] == false)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try server.messages().allSatisfy { $0["id"] != "doomed" })
        #expect(tenant.requests(on: .releaseVersion).count == 3) // no retry of the cancelled call
        tenant.expectNoSecrets(in: server)
    }
}
