import FakeOpsRamp
import Foundation
import OpsRampJSON
import TestChildProcess
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Fake OpsRamp: HTTP/1.1 connections")
struct ConnectionTests {
    @Test("sequential requests on one URLSession reuse one keep-alive connection")
    func keepAlive() async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            #expect(try await client.get("/tenancy/api/v3/release-version", token: token).status == 200)
            #expect(try await client.get("/tenancy/api/v3/release-version", token: token).status == 200)
            #expect(client.fake.acceptedConnectionCount == 1)
            #expect(client.fake.requests.count == 3)
        }
    }

    @Test("Connection: close is honoured")
    func connectionClose() throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let connection = try RawHTTPConnection(port: fake.port)
        connection.send("GET /tenancy/api/v3/release-version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let answer = connection.receive(until: "invalid_token")
        #expect(answer.hasPrefix("HTTP/1.1 407 Proxy Authentication Required\r\n"))
        #expect(answer.contains("Connection: close\r\n"))
        #expect(connection.waitForClose())
    }

    @Test("Expect: 100-continue gets an interim 100 before the body is sent")
    func expectContinue() throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let body = "grant_type=client_credentials&client_id=test-client&client_secret=test-secret"
        let connection = try RawHTTPConnection(port: fake.port)
        connection.send(
            "POST /tenancy/auth/oauth/token HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Expect: 100-continue\r\n\r\n")
        #expect(connection.receive(until: "\r\n\r\n") == "HTTP/1.1 100 Continue\r\n\r\n")
        connection.send(body)
        let answer = connection.receive(until: "global:manage")
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(answer.contains("\"access_token\""))
        #expect(fake.tokenRequestCount == 1)
    }

    @Test("pipelined keep-alive requests on a raw connection are answered in order")
    func rawKeepAlive() throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let connection = try RawHTTPConnection(port: fake.port)
        connection.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        let answers = connection.receive(until: #""message":"Not found"}"#, occurrences: 2)
        #expect(answers.components(separatedBy: "HTTP/1.1 404 Not Found\r\n").count == 3)
        #expect(fake.requests.map(\.path) == ["/a", "/b"])
        #expect(fake.acceptedConnectionCount == 1)
    }

    @Test("many concurrent requests are all answered")
    func concurrency() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await client.get(client.tenantPath + "/alerts/search?pageSize=\(index + 1)", token: token).status
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
            #expect(client.fake.requests.count == 25)
        }
    }

    @Test("start binds an ephemeral port; a second start throws; stop frees the port and is idempotent")
    func lifecycle() throws {
        let fake = FakeOpsRamp()
        #expect(fake.port == 0)
        try fake.start()
        let port = fake.port
        #expect(port > 0)
        #expect(fake.baseURL == "http://127.0.0.1:\(port)")
        #expect(throws: FakeOpsRampError.alreadyStarted) { try fake.start() }
        fake.stop()
        fake.stop()
        #expect(fake.port == 0)
        // The freed port may already belong to a fake of a parallel test; either way this one serves nothing.
        if let connection = try? RawHTTPConnection(port: port) {
            connection.send("GET /tenancy/api/v3/release-version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            _ = connection.waitForClose()
        }
        #expect(fake.requests.isEmpty)
        #expect(throws: FakeOpsRampError.alreadyStarted) { try fake.start() }
    }

    @Test("Python urllib can talk to the fake", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func pythonClient() throws {
        let fake = FakeOpsRamp()
        FakeSession.sampleTenant(fake)
        try fake.start()
        defer { fake.stop() }
        let script = """
            import json, urllib.request, urllib.parse
            base = "\(fake.baseURL)"
            form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "test-client", "client_secret": "test-secret"}).encode()
            token = json.load(urllib.request.urlopen(urllib.request.Request(base + "/auth/oauth/token", data=form)))["access_token"]
            request = urllib.request.Request(base + "/opsql/api/v3/tenants/client_1234/queries", method="POST",
                data=json.dumps({"objectType": "alert", "aggregateFunction": "count", "groupBy": []}).encode(),
                headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            print(json.load(urllib.request.urlopen(request))["results"][0]["count"])
            query = urllib.parse.quote("states:Critical+actions:OPEN", safe="")
            request = urllib.request.Request(base + "/api/v2/tenants/client_1234/alerts/search?queryString=" + query,
                headers={"Authorization": "bearer " + token})
            print(json.load(urllib.request.urlopen(request))["totalResults"])
            """
        let result = try #require(
            SpawnedProcess.runBlocking(
                "/usr/bin/python3", ["-c", script], environment: ProcessInfo.processInfo.environment,
                timeout: .seconds(20)))
        #expect(result.status == 0)
        let printed = result.output
        #expect(printed.split(separator: "\n") == ["40", "8"])
    }
}
