import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// Answers that are hostile or merely odd: compressed bombs, redirects, requests too long to send.
@Suite("Process: hostile answers")
struct HostileAnswerTests {
    @Test("a gzip bomb (3 MB that inflates to 512 MiB) fails cleanly with the server under 100 MB, and it keeps serving")
    func gzipBomb() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_MCP_LOG_LEVEL": "info"])
        _ = try await server.callTool("get_release_version")
        let bomb = GzipBomb.make(inflatedBytes: 512 * 1024 * 1024)
        tenant.fake.inject(.bytes(200, body: bomb, headers: ["Content-Encoding": "gzip"]), on: .releaseVersion)
        let result = try await server.callTool("get_release_version", timeout: 60)
        #expect(result["isError"] == true)
        #expect(result.text.contains("came compressed (Content-Encoding: gzip)"))
        let peak = try #require(server.peakMemoryKB)
        #expect(peak < 100 * 1024, "peak RSS \(peak / 1024) MB")
        let again = try await server.callTool("get_release_version")
        #expect(again["isError"] == false)
        // The server asked for an uncompressed answer on every request.
        #expect(tenant.fake.requests.allSatisfy { $0.headers["accept-encoding"] == "identity" })
    }

    @Test(
        "a redirect is reported as a base URL that redirects (portal or login page), not as a temporary failure",
        arguments: [Route.releaseVersion, .token])
    func redirect(_ route: Route) async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        tenant.fake.inject(.status(302, body: "", headers: ["Location": "https://acme.app.opsramp.com/portal/login"]), on: route)
        let result = try await server.callTool("get_release_version")
        #expect(result["isError"] == true)
        #expect(result.text.contains("HTTP 302, a redirect to https://acme.app.opsramp.com/portal/login"))
        #expect(result.text.contains("portal or a login page"))
        #expect(!result.text.contains("temporary"))
        #expect(!result.text.contains("try again"))
    }

    @Test(
        "a redirect without a Location is still reported as a redirect, naming the base URL, not as no answer",
        arguments: [(Route.releaseVersion, 302), (.releaseVersion, 307), (.token, 302), (.token, 301)])
    func redirectWithoutLocation(_ route: Route, _ status: Int) async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        tenant.fake.inject(.status(status, body: ""), on: route)
        let result = try await server.callTool("get_release_version")
        #expect(result["isError"] == true)
        #expect(result.text.contains("HTTP \(status), a redirect without a Location"), "\(result.text)")
        #expect(result.text.contains("OPSRAMP_BASE_URL"))
        #expect(!result.text.contains("no HTTP response"))
        #expect(!result.text.contains("Try again"))
    }

    @Test(
        "a 304 (not modified, which this server never asks for) is an unexpected status, not a redirect",
        arguments: [Route.releaseVersion, .token])
    func notModified(_ route: Route) async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        tenant.fake.inject(.status(304, body: ""), on: route)
        let result = try await server.callTool("get_release_version")
        #expect(result["isError"] == true)
        #expect(result.text.contains("HTTP 304 (not modified), a status this server never asks for"), "\(result.text)")
        #expect(!result.text.contains("redirect"))
    }

    @Test("a 3 MB query string is an argument error that names the arguments, and nothing is sent")
    func hugeQueryString() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        let huge = "uniqueId:" + String(repeating: "a", count: 3 * 1024 * 1024)
        let result = try await server.callTool("get_alerts", ["query_string": .string(huge)])
        #expect(result["isError"] == true)
        #expect(result.text.contains("too large"))
        #expect(result.text.contains("problem with the arguments"))
        #expect(!result.text.contains("Out of memory"))
        #expect(result.text.utf8.count < 2_000)
        #expect(tenant.requests(on: .alerts).isEmpty)
    }

    @Test("HTTP 414 from OpsRamp is an argument error too, not 'usually temporary'")
    func uriTooLong() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        tenant.fake.inject(.status(414, body: "<html><body>Request-URI Too Long</body></html>", contentType: "text/html"), on: .alerts)
        let result = try await server.callTool("get_alerts")
        #expect(result["isError"] == true)
        #expect(result.text.contains("problem with the arguments"))
        #expect(!result.text.contains("temporary;"))
    }
}
