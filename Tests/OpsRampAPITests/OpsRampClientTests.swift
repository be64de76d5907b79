import Foundation
import OpsRampAuth
import OpsRampHTTP
import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("OpsRamp client: requests, retries, errors")
struct OpsRampClientTests {
    @Test("alert search URL: tenant in the path, queryString with + as %2B and spaces as %20, bearer and Accept headers")
    func alertSearchRequest() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"{"results":[],"totalResults":0,"nextPage":false}"#)])
        let client = makeClient(transport)
        var query = QueryString()
        try query.add("states", ["Critical", "Warning"])
        try query.add("startDate", "2026-11-29T08:00:00 0000")
        _ = try await client.alertsPage(query: query, pageNo: 2, pageSize: 25)
        let request = try #require(transport.apiRequests.first)
        #expect(
            request.url?.absoluteString == "https://acme.api.opsramp.com/api/v2/tenants/client_1234/alerts/search"
                + "?pageNo=2&pageSize=25&isDescendingOrder=true&queryString=states%3ACritical%2CWarning%2BstartDate%3A2026-11-29T08%3A00%3A00%200000")
        #expect(request.value(forHTTPHeaderField: "Authorization") == "Bearer scripted-token-1")
        #expect(request.value(forHTTPHeaderField: "Accept") == "application/json")
    }

    @Test("OpsQL posts JSON to the v3 path")
    func opsqlRequest() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"{"results":[{"id":"a"}],"nextPage":false}"#)])
        let page = try await makeClient(transport).opsqlPage(["objectType": "alert", "fields": ["id"]])
        #expect(page.results == [["id": "a"]])
        let request = try #require(transport.apiRequests.first)
        #expect(request.httpMethod == "POST")
        #expect(request.url?.path == "/opsql/api/v3/tenants/client_1234/queries")
        #expect(request.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(try JSONParser.parse(request.httpBody ?? Data()) == ["objectType": "alert", "fields": ["id"]])
    }

    @Test(
        "which release-version failures mean 'not on this pod' (404, 403, 405, 501) and which still mean what they say",
        arguments: [
            (OpsRampError.notFound(detail: "Not Found"), 404 as Int?),
            (.unauthorized(status: 403, detail: "Access is denied"), 403),
            (.server(status: 405, detail: ""), 405),
            (.server(status: 501, detail: ""), 501),
            (.unauthorized(status: 401, detail: "invalid_token"), nil),
            (.server(status: 503, detail: ""), nil),
            (.authentication(.rejected(status: 401, detail: "bad")), nil),
            (.transport(.timedOut(after: .seconds(5))), nil),
        ])
    func releaseVersionUnavailable(_ error: OpsRampError, _ status: Int?) {
        #expect(OpsRampClient.releaseVersionUnavailableStatus(error) == status)
    }

    @Test(
        "a certificate or proxy failure is answered at once, not retried, naming the setting to change",
        arguments: [
            (TransportError.certificateRejected("SSL certificate problem: self-signed certificate"), "OPSRAMP_CA_BUNDLE"),
            (.proxyFailed("CONNECT tunnel failed, response 403"), "HTTPS_PROXY"),
        ])
    func networkFailuresNotRetried(_ failure: TransportError, _ setting: String) async {
        let transport = ScriptedTransport([.failure(failure), ScriptedTransport.json(200, "{}")])
        let sleeps = RecordedSleeps()
        await #expect(throws: OpsRampError.transport(failure)) { try await makeClient(transport, sleeps: sleeps).releaseVersion() }
        #expect(transport.apiRequests.count == 1)
        #expect(sleeps.all.isEmpty)
        let message = OpsRampError.transport(failure).userMessage
        #expect(message.contains(setting), "\(message)")
        #expect(!message.contains("Try again"))
    }

    @Test("407 (expired token) fetches a new token and retries once")
    func expiredTokenRetry() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(407, #"{"error":"invalid_token"}"#), ScriptedTransport.json(200, #"{"v":1}"#)])
        let value = try await makeClient(transport).releaseVersion()
        #expect(value == ["v": 1])
        #expect(transport.tokenRequests == 2)
        #expect(
            transport.apiRequests.map { $0.value(forHTTPHeaderField: "Authorization") } == ["Bearer scripted-token-1", "Bearer scripted-token-2"])
    }

    @Test("a second 401 after a fresh token is reported, not retried forever")
    func persistentUnauthorized() async {
        let transport = ScriptedTransport([ScriptedTransport.json(401, "{}"), ScriptedTransport.json(401, #"{"error_description":"nope"}"#)])
        await #expect(throws: OpsRampError.unauthorized(status: 401, detail: "nope")) { try await makeClient(transport).releaseVersion() }
        #expect(transport.apiRequests.count == 2)
    }

    @Test("429 waits as Retry-After says, then succeeds")
    func retryAfter() async throws {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport([
            ScriptedTransport.json(429, #"{"error":"throttled","error_description":"Too Many Requests"}"#, headers: ["retry-after": "3"]),
            ScriptedTransport.json(200, "{}"),
        ])
        _ = try await makeClient(transport, sleeps: sleeps).releaseVersion()
        #expect(sleeps.all == [3])
    }

    @Test("429 without Retry-After waits until X-RateLimit-Reset (epoch seconds, quoted or not)")
    func rateLimitReset() async throws {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport([
            ScriptedTransport.json(429, "{}", headers: ["x-ratelimit-reset": "1700000005"]),
            ScriptedTransport.json(429, "{}", headers: ["x-ratelimit-reset": "\"1700000002\""]),
            ScriptedTransport.json(200, "{}"),
        ])
        _ = try await makeClient(transport, sleeps: sleeps, wallClock: 1_700_000_000).releaseVersion()
        #expect(sleeps.all == [5.25, 2.25])
    }

    @Test("429 with a wait too long for one call fails at once, saying when to retry")
    func rateLimitTooLong() async {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport([ScriptedTransport.json(429, "{}", headers: ["retry-after": "120"])])
        await #expect(throws: OpsRampError.rateLimited(retryAfterSeconds: 120)) { try await makeClient(transport, sleeps: sleeps).releaseVersion() }
        #expect(sleeps.all.isEmpty)
        #expect(OpsRampError.rateLimited(retryAfterSeconds: 120).userMessage.contains("in about 120 s"))
    }

    @Test("absurd rate-limit headers never trap: they are capped at an hour")
    func absurdRateLimitHeaders() async {
        for headers in [["retry-after": "1e30"], ["retry-after": "inf"], ["x-ratelimit-reset": "1e300"], ["x-ratelimit-reset": "-1e300"]] {
            let sleeps = RecordedSleeps()
            let transport = ScriptedTransport([ScriptedTransport.json(429, "{}", headers: headers), ScriptedTransport.json(200, "{}")])
            do {
                _ = try await makeClient(transport, sleeps: sleeps).releaseVersion()
            } catch {
                guard case .rateLimited(let after) = error else {
                    Issue.record("\(headers): \(error)")
                    continue
                }
                #expect((after ?? 0) <= 3_600)
            }
            #expect(sleeps.all.allSatisfy { $0 <= 3_600 })
        }
    }

    @Test("a 400 on a read is tried once more (OpsRamp sends them under load); a second one is reported")
    func transientBadRequest() async throws {
        let recovered = ScriptedTransport([ScriptedTransport.json(400, #"{"message":"busy"}"#), ScriptedTransport.json(200, #"{"v":2}"#)])
        #expect(try await makeClient(recovered).releaseVersion() == ["v": 2])
        let lasting = ScriptedTransport([ScriptedTransport.json(400, #"{"message":"bad"}"#), ScriptedTransport.json(400, #"{"message":"bad"}"#)])
        await #expect(throws: OpsRampError.badRequest(detail: "bad")) { try await makeClient(lasting).releaseVersion() }
        let post = ScriptedTransport([ScriptedTransport.json(400, #"{"message":"bad query"}"#)])
        await #expect(throws: OpsRampError.badRequest(detail: "bad query")) { try await makeClient(post).opsqlPage(["objectType": "alert"]) }
        #expect(post.apiRequests.count == 1)
    }

    @Test("5xx on an idempotent request is retried with growing backoff, then reported")
    func serverErrors() async {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.json(503, "<html><body>Service Unavailable</body></html>"), count: 5))
        await #expect(throws: OpsRampError.server(status: 503, detail: "Service Unavailable")) {
            try await makeClient(transport, sleeps: sleeps, maxRetries: 3).releaseVersion()
        }
        #expect(transport.apiRequests.count == 4)
        #expect(sleeps.all == [0.375, 0.75, 1.5])
    }

    @Test("network failures are retried for GETs but not for non-idempotent POSTs")
    func transportRetries() async {
        let flaky = ScriptedTransport([.failure(.connectionLost("reset")), ScriptedTransport.json(200, "{}")])
        await #expect(throws: Never.self) { try await makeClient(flaky).releaseVersion() }

        let once = ScriptedTransport([.failure(.connectionLost("reset")), ScriptedTransport.json(200, "{}")])
        let post = Endpoint(.post, path: ["x"], body: [:])
        await #expect(throws: OpsRampError.transport(.connectionLost("reset"))) { try await makeClient(once).send(post) }
        #expect(once.apiRequests.count == 1)
    }

    @Test("OpsRamp's error text is read from every body shape")
    func errorBodies() {
        func detail(_ body: String) -> String {
            OpsRampErrorBody.detail(of: HTTPResponse(status: 400, headers: [:], body: Data(body.utf8)))
        }
        #expect(detail(#"[{"code":"0002","fieldName":"queryString","message":"Invalid key"}]"#) == "queryString: Invalid key")
        #expect(detail(#"{"code":"0003","message":"No resource found"}"#) == "No resource found")
        #expect(detail(#"{"error":"invalid_token","error_description":"Invalid access token"}"#) == "Invalid access token")
        #expect(detail("plain text failure") == "plain text failure")
        #expect(detail("") == "")
    }

    @Test("a 200 with a body that is not JSON is a clear error")
    func invalidJSON() async {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"{"results": ["#, headers: ["content-type": "application/json"])])
        do {
            _ = try await makeClient(transport).alertsPage(query: QueryString(), pageNo: 1, pageSize: 1)
            Issue.record("expected an error")
        } catch {
            guard case .invalidResponse(let detail) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(detail.contains("not valid JSON"))
        }
    }
}
