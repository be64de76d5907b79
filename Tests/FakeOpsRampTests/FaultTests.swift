import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Fake OpsRamp: injected faults")
struct FaultTests {
    @Test("a status fault answers once, with its headers, then the route behaves normally")
    func statusFaultIsConsumed() async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            client.fake.inject(
                .status(500, body: #"{"code":"0005","message":"try again"}"#, headers: ["X-Trace": "abc"]),
                on: .releaseVersion)
            let faulted = try await client.get("/tenancy/api/v3/release-version", token: token)
            #expect(faulted.status == 500)
            #expect(faulted.json?["code"] == "0005")
            #expect(faulted.header("X-Trace") == "abc")
            #expect(faulted.header("X-RateLimit-Limit") == "500")
            #expect(try await client.get("/tenancy/api/v3/release-version", token: token).status == 200)
        }
    }

    @Test("faults queue FIFO per route; .any applies to every route; reset() clears them")
    func queues() async throws {
        try await FakeSession.run { client async throws in
            client.fake.inject(.status(503, body: "busy", contentType: "text/plain"), on: .token, times: 2)
            client.fake.inject(.html(502), on: .token)
            #expect(try await client.requestToken().status == 503)
            #expect(try await client.requestToken().status == 503)
            #expect(try await client.requestToken().status == 502)
            #expect(try await client.requestToken().status == 200)
            #expect(client.fake.tokenRequestCount == 4)

            client.fake.inject(.status(418, body: "{}"), on: .any)
            #expect(try await client.get("/tenancy/api/v3/release-version", token: nil).status == 418)
            client.fake.inject(.status(418, body: "{}"), on: .any)
            client.fake.reset()
            #expect(try await client.requestToken().status == 200)
            #expect(client.fake.requests.count == 1)
            #expect(client.fake.tokenRequestCount == 1)
        }
    }

    @Test("rateLimited answers 429 throttled with Retry-After and X-RateLimit-Reset when given")
    func rateLimited() async throws {
        try await FakeSession.run { client in
            client.fake.inject(.rateLimited(retryAfter: 2, resetIn: 30), on: .token)
            client.fake.inject(.rateLimited(retryAfter: nil, resetIn: nil), on: .token)
            let first = try await client.requestToken()
            #expect(first.status == 429)
            #expect(first.json == ["error": "throttled", "error_description": "Too Many Requests"])
            #expect(first.header("Retry-After") == "2")
            #expect(first.header("X-RateLimit-Remaining") == "0")
            let reset = try #require(first.header("X-RateLimit-Reset").flatMap(Double.init))
            #expect(abs(reset - Date().timeIntervalSince1970 - 30) <= 2)
            let second = try await client.requestToken()
            #expect(second.status == 429)
            #expect(second.header("Retry-After") == nil)
            #expect(second.header("X-RateLimit-Reset") != nil)
        }
    }

    @Test("hang reads the request and never answers; stop() still returns promptly")
    func hang() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        fake.inject(.hang, on: .token)
        // A bare connection: URLSession's own timeouts on Linux are too erratic under load to time this.
        let connection = try RawHTTPConnection(port: fake.port)
        connection.send(
            "POST /auth/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b")
        let deadline = Date().addingTimeInterval(5)
        while fake.tokenRequestCount == 0, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(fake.tokenRequestCount == 1)
        try await Task.sleep(for: .milliseconds(500))
        let started = Date()
        fake.stop()
        fake.stop()
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(fake.port == 0)
        #expect(connection.receive(until: "HTTP/1.1").isEmpty, "a hung request must get no answer")
    }

    @Test("stop() shuts down a connection that is still hanging")
    func stopWhileHanging() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        fake.inject(.hang, on: .any)
        let connection = try RawHTTPConnection(port: fake.port)
        connection.send("GET /tenancy/api/v3/release-version HTTP/1.1\r\nHost: x\r\n\r\n")
        try await Task.sleep(for: .milliseconds(100))
        let started = Date()
        fake.stop()
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(connection.waitForClose())
    }

    @Test("reset and truncated make the client fail", arguments: [Fault.reset, Fault.truncated])
    func brokenConnections(fault: Fault) async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client async throws in
            // A token issued directly keeps the faulted request first on its connection: libcurl
            // retries once, silently, when a reused keep-alive connection is reset.
            let token = client.fake.issueToken()
            client.fake.inject(fault, on: .alerts)
            await #expect(throws: (any Error).self) {
                _ = try await client.get(client.tenantPath + "/alerts/search", token: token)
            }
            #expect(try await client.get(client.tenantPath + "/alerts/search", token: token).status == 200)
        }
    }

    @Test("html answers that status with an HTML page")
    func html() async throws {
        try await FakeSession.run { client in
            client.fake.inject(.html(504), on: .alerts)
            let reply = try await client.get(client.tenantPath + "/alerts/search", token: nil)
            #expect(reply.status == 504)
            #expect(reply.header("Content-Type") == "text/html")
            #expect(reply.text.contains("<h1>504 Gateway Timeout</h1>"))
        }
    }

    @Test("invalidJSON and emptyBody answer 200 with bodies that are not JSON")
    func badBodies() async throws {
        try await FakeSession.run { client in
            client.fake.inject(.invalidJSON, on: .opsql)
            client.fake.inject(.emptyBody, on: .opsql)
            let invalid = try await client.postJSON(client.opsqlPath, ["objectType": "alert"], token: nil)
            #expect(invalid.status == 200)
            #expect(invalid.text == #"{"results": ["#)
            #expect(invalid.json == nil)
            let empty = try await client.postJSON(client.opsqlPath, ["objectType": "alert"], token: nil)
            #expect(empty.status == 200)
            #expect(empty.body.isEmpty)
        }
    }

    @Test(
        "oversized answers valid JSON of about the requested size, shaped like the route",
        arguments: [
            Route.alerts, .minimalResources, .opsql, .releaseVersion,
        ])
    func oversized(route: Route) async throws {
        try await FakeSession.run { client in
            client.fake.inject(.oversized(bytes: 300_000), on: route)
            let reply: Reply =
                switch route {
                case .alerts: try await client.get(client.tenantPath + "/alerts/search", token: nil)
                case .minimalResources: try await client.get(client.tenantPath + "/resources/minimal", token: nil)
                case .opsql: try await client.postJSON(client.opsqlPath, ["objectType": "alert"], token: nil)
                default: try await client.get("/tenancy/api/v3/release-version", token: nil)
                }
            #expect(reply.status == 200)
            #expect((300_000...310_000).contains(reply.body.count))
            let body = try #require(reply.json)
            switch route {
            case .alerts: #expect(body["totalResults"]?.intValue == body["results"]?.arrayValue?.count)
            case .minimalResources: #expect((body.arrayValue?.count ?? 0) > 100)
            case .opsql: #expect((body["results"]?.arrayValue?.count ?? 0) > 100)
            default: #expect(body["padding"] != nil)
            }
        }
    }

    @Test("delay and latency hold the answer back")
    func delays() async throws {
        try await FakeSession.run { client async throws in
            client.fake.inject(.delay(0.3), on: .token)
            var started = Date()
            #expect(try await client.requestToken().status == 200)
            #expect(Date().timeIntervalSince(started) >= 0.3)
            client.fake.latency = 0.2
            started = Date()
            #expect(try await client.requestToken().status == 200)
            #expect(Date().timeIntervalSince(started) >= 0.2)
        }
    }
}

@Suite("Fake OpsRamp: reset on a reused connection")
struct ReusedConnectionResetTests {
    @Test("two resets get through libcurl's one silent retry on a reused connection")
    func resetTwice() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            client.fake.inject(.reset, on: .alerts, times: 2)
            await #expect(throws: (any Error).self) {
                _ = try await client.get(client.tenantPath + "/alerts/search", token: token)
            }
            #expect(client.fake.requests.filter { $0.route == .alerts }.count == 2)
        }
    }
}
