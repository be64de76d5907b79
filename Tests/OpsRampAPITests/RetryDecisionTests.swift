import Foundation
import OpsRampAuth
import OpsRampHTTP
import Testing

@testable import OpsRampAPI

/// Every row of the retry policy: what happened to an attempt, and what `send` does next; and
/// before each attempt, whether it is made at all, and how long its exchange may take.
/// `send` only carries these out (besides cancellation checks and logging).
/// The policy: 3 retries, backoff 0.5 s doubling with jitter fixed at 0.75 (so 0.375, 0.75, 1.5 s),
/// at most 20 s for a 429, a 45 s budget; the wall clock stands at 1_700_000_000 (2023-11-14 22:13:20 UTC).
@Suite("Retry decisions, row by row")
struct RetryDecisionTests {
    static let policy = RetryPolicy(maxRetries: 3, sleep: { _ in }, random: { 0.5 }, wallClock: { Date(timeIntervalSince1970: 1_700_000_000) })

    /// One row: the request, what the attempts so far did, what happened, and the decision.
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        var method: Endpoint.Method = .get
        var idempotent: Bool?
        var retries = 0
        var refreshedToken = false
        var retriedBadRequest = false
        var budgetLeft: Duration = .seconds(40)
        let outcome: AttemptOutcome
        let expected: RetryDecision
        var testDescription: String { name }
    }

    static func answer(_ status: Int, _ body: String = "", headers: [String: String] = [:]) -> AttemptOutcome {
        .answered(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
    }

    static func fail(_ error: OpsRampError) -> RetryDecision { .fail(error) }

    /// Delivers the answer `answer(status, body)` stands for.
    static func deliver(_ status: Int, _ body: String = "") -> RetryDecision {
        .deliver(HTTPResponse(status: status, headers: [:], body: Data(body.utf8)))
    }

    static let statusRows: [Row] = [
        Row(name: "200: the answer is the result", outcome: answer(200, "{}"), expected: deliver(200, "{}")),
        Row(name: "204: the answer is the result", outcome: answer(204), expected: deliver(204)),
        Row(
            name: "301 with a Location: a redirect, not followed", outcome: answer(301, headers: ["location": "https://acme.opsramp.com/login"]),
            expected: fail(.redirected(status: 301, location: "https://acme.opsramp.com/login"))),
        Row(
            name: "302 without a Location: still a redirect", outcome: answer(302),
            expected: fail(.redirected(status: 302, location: nil))),
        Row(
            name: "304 is not a redirect but a status this client never asks for", outcome: answer(304),
            expected: fail(.unexpectedStatus(status: 304, detail: ""))),
        Row(
            name: "401 the first time: refresh the token and send again at once", outcome: answer(401, #"{"error":"invalid_token"}"#),
            expected: .refreshToken(status: 401)),
        Row(name: "407 the first time (OpsRamp's expired token): refresh and send again", outcome: answer(407), expected: .refreshToken(status: 407)),
        Row(
            name: "401 after a fresh token: unauthorized, and the token is forgotten", refreshedToken: true,
            outcome: answer(401, #"{"error_description":"nope"}"#),
            expected: .fail(.unauthorized(status: 401, detail: "nope"), forgetToken: true)),
        Row(
            name: "407 after a fresh token: unauthorized", refreshedToken: true, outcome: answer(407),
            expected: .fail(.unauthorized(status: 407, detail: ""), forgetToken: true)),
        Row(
            name: "403: denied, never retried", outcome: answer(403, #"{"message":"Access is denied"}"#),
            expected: fail(.unauthorized(status: 403, detail: "Access is denied"))),
        Row(name: "404: not found", outcome: answer(404, "Not Found"), expected: fail(.notFound(detail: "Not Found"))),
        Row(
            name: "410: the tenant is unavailable", outcome: answer(410, #"{"message":"Tenant deactivated"}"#),
            expected: fail(.tenantUnavailable(detail: "Tenant deactivated"))),
        Row(name: "413: the request is too large", outcome: answer(413), expected: fail(.requestTooLarge("OpsRamp answered HTTP 413"))),
        Row(
            name: "414: the URL is too long", outcome: answer(414, "URI Too Long"),
            expected: fail(.requestTooLarge("OpsRamp answered HTTP 414: URI Too Long"))),
        Row(
            name: "400 on a GET the first time: one retry after backoff", outcome: answer(400, #"{"message":"busy"}"#),
            expected: .retry(after: .milliseconds(375), reason: "HTTP 400")),
        Row(
            name: "400 on a GET the second time: bad request", retries: 1, retriedBadRequest: true,
            outcome: answer(400, #"{"message":"bad"}"#), expected: fail(.badRequest(detail: "bad"))),
        Row(
            name: "400 on a POST: bad request at once", method: .post, idempotent: true,
            outcome: answer(400, #"{"message":"bad query"}"#), expected: fail(.badRequest(detail: "bad query"))),
        Row(name: "500: backoff and retry", outcome: answer(500), expected: .retry(after: .milliseconds(375), reason: "HTTP 500")),
        Row(
            name: "502 after one retry: a longer backoff", retries: 1, outcome: answer(502),
            expected: .retry(after: .milliseconds(750), reason: "HTTP 502")),
        Row(
            name: "503 after two retries: longer still", retries: 2, outcome: answer(503),
            expected: .retry(after: .milliseconds(1500), reason: "HTTP 503")),
        Row(name: "504: backoff and retry", outcome: answer(504), expected: .retry(after: .milliseconds(375), reason: "HTTP 504")),
        Row(
            name: "503 on an idempotent POST (OpsQL): retried", method: .post, idempotent: true, outcome: answer(503),
            expected: .retry(after: .milliseconds(375), reason: "HTTP 503")),
        Row(
            name: "503 on a POST that is not idempotent: reported", method: .post, outcome: answer(503, "down"),
            expected: fail(.server(status: 503, detail: "down"))),
        Row(
            name: "500 naming a missing object: not found, not retried", outcome: answer(500, #"{"message":"No resource found with id x"}"#),
            expected: fail(.notFound(detail: "No resource found with id x"))),
        Row(name: "501: reported, not retried", outcome: answer(501), expected: fail(.server(status: 501, detail: ""))),
        Row(name: "418 (any other status): reported as OpsRamp's answer", outcome: answer(418), expected: fail(.server(status: 418, detail: ""))),
    ]

    static let rateLimitRows: [Row] = [
        Row(
            name: "429 with Retry-After in seconds: wait that long", outcome: answer(429, headers: ["retry-after": "3"]),
            expected: .retry(after: .seconds(3), reason: "rate-limited (HTTP 429)")),
        Row(
            name: "429 with Retry-After as an HTTP date: wait until then",
            outcome: answer(429, headers: ["retry-after": "Tue, 14 Nov 2023 22:13:30 GMT"]),
            expected: .retry(after: .seconds(10), reason: "rate-limited (HTTP 429)")),
        Row(
            name: "429 with X-RateLimit-Reset in epoch seconds: until then, and a quarter second",
            outcome: answer(429, headers: ["x-ratelimit-reset": "\"1700000005\""]),
            expected: .retry(after: .milliseconds(5250), reason: "rate-limited (HTTP 429)")),
        Row(
            name: "429 with a small X-RateLimit-Reset: a delay in seconds", outcome: answer(429, headers: ["x-ratelimit-reset": "4"]),
            expected: .retry(after: .milliseconds(4250), reason: "rate-limited (HTTP 429)")),
        Row(
            name: "429 without a header: backoff one step further", outcome: answer(429),
            expected: .retry(after: .milliseconds(750), reason: "rate-limited (HTTP 429)")),
        Row(
            name: "429 asking for more than 20 s: fail at once, saying when", outcome: answer(429, headers: ["retry-after": "120"]),
            expected: fail(.rateLimited(retryAfterSeconds: 120))),
        Row(
            name: "429 asking 4.5 s with 5 s left: the wait would not end a second before the budget, so fail saying when",
            budgetLeft: .seconds(5), outcome: answer(429, headers: ["retry-after": "4.5"]), expected: fail(.rateLimited(retryAfterSeconds: 5))),
        Row(
            name: "429 asking 12 s (under 20 s) with 10 s left: more than the budget has left, so fail saying when",
            budgetLeft: .seconds(10), outcome: answer(429, headers: ["retry-after": "12"]),
            expected: fail(.rateLimited(retryAfterSeconds: 12))),
        Row(
            name: "429 asking 30 s with 10 s left: over 20 s and over the budget, so fail saying when", budgetLeft: .seconds(10),
            outcome: answer(429, headers: ["retry-after": "30"]), expected: fail(.rateLimited(retryAfterSeconds: 30))),
        Row(
            name: "429 asking 8.5 s with 10 s left: the wait ends more than a second before the budget, so wait",
            budgetLeft: .seconds(10), outcome: answer(429, headers: ["retry-after": "8.5"]),
            expected: .retry(after: .milliseconds(8500), reason: "rate-limited (HTTP 429)")),
    ]

    static let transportRows: [Row] = [
        Row(
            name: "timeout on a GET: backoff and retry", outcome: .transportFailed(.timedOut(after: .seconds(30))),
            expected: .retry(after: .milliseconds(375), reason: "no answer within 30 s")),
        Row(
            name: "cannot connect: backoff and retry", outcome: .transportFailed(.cannotConnect("refused")),
            expected: .retry(after: .milliseconds(375), reason: "cannot connect (refused)")),
        Row(
            name: "connection lost: backoff and retry", outcome: .transportFailed(.connectionLost("reset")),
            expected: .retry(after: .milliseconds(375), reason: "the connection was lost (reset)")),
        Row(
            name: "connection lost on a POST that is not idempotent: reported", method: .post,
            outcome: .transportFailed(.connectionLost("reset")), expected: fail(.transport(.connectionLost("reset")))),
        Row(
            name: "certificate not accepted: never retried", outcome: .transportFailed(.certificateRejected("self-signed certificate")),
            expected: fail(.transport(.certificateRejected("self-signed certificate")))),
        Row(
            name: "proxy failed: never retried", outcome: .transportFailed(.proxyFailed("CONNECT tunnel failed, response 403")),
            expected: fail(.transport(.proxyFailed("CONNECT tunnel failed, response 403")))),
        Row(
            name: "answer over the size cap: not retried", outcome: .transportFailed(.responseTooLarge(limit: 10)),
            expected: fail(.transport(.responseTooLarge(limit: 10)))),
        Row(
            name: "compressed answer: not retried", outcome: .transportFailed(.compressedResponse(encoding: "gzip")),
            expected: fail(.transport(.compressedResponse(encoding: "gzip")))),
        Row(name: "another transport failure: not retried", outcome: .transportFailed(.other("odd")), expected: fail(.transport(.other("odd")))),
        Row(name: "cancelled exchange: cancelled", outcome: .transportFailed(.cancelled), expected: fail(.cancelled)),
        Row(
            name: "token endpoint busy: backoff and retry", outcome: .tokenFailed(.unavailable(status: 503, detail: "")),
            expected: .retry(after: .milliseconds(375), reason: "token request failed (\(TokenError.unavailable(status: 503, detail: "")))")),
        Row(
            name: "token endpoint too slow for the budget: backoff and retry", outcome: .tokenFailed(.unreachable("did not answer")),
            expected: .retry(after: .milliseconds(375), reason: "token request failed (\(TokenError.unreachable("did not answer")))")),
        Row(
            name: "credentials rejected: an authentication failure, not retried", outcome: .tokenFailed(.rejected(status: 401, detail: "bad")),
            expected: fail(.authentication(.rejected(status: 401, detail: "bad")))),
        Row(
            name: "token endpoint's certificate not accepted: not retried", outcome: .tokenFailed(.network(host: "h", .certificateRejected("x"))),
            expected: fail(.authentication(.network(host: "h", .certificateRejected("x"))))),
        Row(name: "token request cancelled: cancelled", outcome: .tokenFailed(.cancelled), expected: fail(.cancelled)),
        Row(
            name: "not sent, the minute's rate budget is spent: fail saying when the next request fits, never retried",
            outcome: .notSent(.pagedRead, perMinute: 50, retryAfterSeconds: 17),
            expected: fail(.rateBudgetSpent(.pagedRead, perMinute: 50, retryAfterSeconds: 17))),
    ]

    static let limitRows: [Row] = [
        Row(
            name: "retries exhausted: the 503 is the answer", retries: 3, outcome: answer(503, "down"),
            expected: fail(.server(status: 503, detail: "down"))),
        Row(
            name: "retries exhausted: the network failure is the answer", retries: 3, outcome: .transportFailed(.connectionLost("reset")),
            expected: fail(.transport(.connectionLost("reset")))),
        Row(
            name: "a backoff that would not end a second before the budget: the 503 is the answer", budgetLeft: .milliseconds(1300),
            outcome: answer(503), expected: fail(.server(status: 503, detail: ""))),
        Row(
            name: "a backoff that ends more than a second before the budget: retried", budgetLeft: .milliseconds(1400),
            outcome: answer(503), expected: .retry(after: .milliseconds(375), reason: "HTTP 503")),
        Row(
            name: "the one refresh is not a retry: allowed with no retries left", retries: 3, outcome: answer(401),
            expected: .refreshToken(status: 401)),
    ]

    @Test("each answer status leads to one decision", arguments: statusRows)
    func statuses(_ row: Row) { Self.check(row) }

    @Test("each 429 waits as OpsRamp's headers say, or fails saying when", arguments: rateLimitRows)
    func rateLimits(_ row: Row) { Self.check(row) }

    @Test("each transport and token failure kind is retried or not", arguments: transportRows)
    func failures(_ row: Row) { Self.check(row) }

    @Test("the retry count and the time budget bound every wait", arguments: limitRows)
    func limits(_ row: Row) { Self.check(row) }

    static func check(_ row: Row) {
        var attempts = RetryAttempts(
            policy: policy, method: row.method, idempotent: row.idempotent ?? (row.method == .get),
            budget: .seconds(45))
        attempts.retries = row.retries
        attempts.refreshedToken = row.refreshedToken
        attempts.retriedBadRequest = row.retriedBadRequest
        #expect(attempts.after(row.outcome, budgetLeft: row.budgetLeft) == row.expected, "\(row.name)")
    }

    /// Before an attempt: the URL's length, the budget left and the whole budget (for the message).
    struct BeforeRow: Sendable, CustomTestStringConvertible {
        let name: String
        var pathAndQueryBytes = 100
        let budgetLeft: Duration
        var budget: Duration = .seconds(45)
        let expected: OpsRampError?
        var testDescription: String { name }
    }

    static let beforeRows: [BeforeRow] = [
        BeforeRow(name: "a second left: attempt", budgetLeft: .seconds(1), expected: nil),
        BeforeRow(
            name: "under a second left: a timeout naming the whole budget", budgetLeft: .milliseconds(999),
            expected: .transport(.timedOut(after: .seconds(45)))),
        BeforeRow(
            name: "the deadline already passed: a timeout naming the whole budget", budgetLeft: .zero - .seconds(3),
            expected: .transport(.timedOut(after: .seconds(45)))),
        BeforeRow(
            name: "a budget bounded by the tool call to 12 s: the timeout names 12 s", budgetLeft: .milliseconds(400),
            budget: .seconds(12), expected: .transport(.timedOut(after: .seconds(12)))),
        BeforeRow(
            name: "a URL at the limit: attempt", pathAndQueryBytes: Endpoint.maximumPathAndQueryBytes, budgetLeft: .seconds(40),
            expected: nil),
        BeforeRow(
            name: "a URL a byte over the limit: too large, never sent", pathAndQueryBytes: Endpoint.maximumPathAndQueryBytes + 1,
            budgetLeft: .seconds(40),
            expected: .requestTooLarge(
                "a request URL of \(Endpoint.maximumPathAndQueryBytes + 1) bytes; the limit is \(Endpoint.maximumPathAndQueryBytes)")),
        BeforeRow(
            name: "a URL over the limit with no time left: too large comes first", pathAndQueryBytes: 50_000, budgetLeft: .zero,
            expected: .requestTooLarge("a request URL of 50000 bytes; the limit is \(Endpoint.maximumPathAndQueryBytes)")),
    ]

    @Test("before each attempt: a URL over the limit or under a second left stops the request", arguments: beforeRows)
    func beforeAttempt(_ row: BeforeRow) {
        let attempts = RetryAttempts(
            policy: Self.policy, method: .get, idempotent: true, budget: row.budget, pathAndQueryBytes: row.pathAndQueryBytes)
        #expect(attempts.beforeAttempt(budgetLeft: row.budgetLeft) == row.expected, "\(row.name)")
    }

    @Test("the URL checked before an attempt is the endpoint's encoded path and query")
    func endpointLength() {
        let long = Endpoint(.get, path: ["api", String(repeating: "x", count: Endpoint.maximumPathAndQueryBytes)])
        let attempts = RetryAttempts(policy: Self.policy, endpoint: long, budget: .seconds(45))
        #expect(attempts.pathAndQueryBytes == long.encodedPathAndQuery.utf8.count)
        guard case .requestTooLarge = attempts.beforeAttempt(budgetLeft: .seconds(40)) else {
            Issue.record("expected requestTooLarge")
            return
        }
    }

    /// One attempt's exchange timeout: the request timeout, the budget left, and the timeout.
    static let timeoutRows: [(requestTimeout: Duration, budgetLeft: Duration, expected: Duration)] = [
        (.seconds(30), .seconds(40), .seconds(30)),
        (.seconds(30), .seconds(12), .seconds(12)),
        (.seconds(30), .milliseconds(800), .milliseconds(800)),
        (.seconds(30), .milliseconds(200), .milliseconds(500)),
        (.seconds(30), .zero - .seconds(2), .milliseconds(500)),
        (.milliseconds(300), .seconds(40), .milliseconds(300)),
    ]

    @Test("each attempt may take the request timeout or the time left, whichever is less, but never under 0.5 s", arguments: timeoutRows)
    func attemptTimeout(_ row: (requestTimeout: Duration, budgetLeft: Duration, expected: Duration)) {
        #expect(RetryAttempts.attemptTimeout(requestTimeout: row.requestTimeout, budgetLeft: row.budgetLeft) == row.expected)
    }

    @Test("a retry is counted, so that a run of 503s waits 0.375, 0.75, 1.5 s and then reports")
    func retriesCounted() {
        var attempts = RetryAttempts(policy: Self.policy, method: .get, idempotent: true, budget: .seconds(45))
        let decisions = (0..<4).map { _ in attempts.after(Self.answer(503), budgetLeft: .seconds(40)) }
        #expect(
            decisions == [
                .retry(after: .milliseconds(375), reason: "HTTP 503"), .retry(after: .milliseconds(750), reason: "HTTP 503"),
                .retry(after: .milliseconds(1500), reason: "HTTP 503"), .fail(.server(status: 503, detail: "")),
            ])
        #expect(attempts.retries == 3)
    }

    @Test("the token is refreshed once: a second refusal fails, a 400 is retried once")
    func onceOnly() {
        var attempts = RetryAttempts(policy: Self.policy, method: .get, idempotent: true, budget: .seconds(45))
        #expect(attempts.after(Self.answer(407), budgetLeft: .seconds(40)) == .refreshToken(status: 407))
        #expect(attempts.after(Self.answer(401), budgetLeft: .seconds(40)) == .fail(.unauthorized(status: 401, detail: ""), forgetToken: true))
        #expect(attempts.after(Self.answer(400), budgetLeft: .seconds(40)) == .retry(after: .milliseconds(375), reason: "HTTP 400"))
        #expect(attempts.after(Self.answer(400), budgetLeft: .seconds(40)) == .fail(.badRequest(detail: "")))
    }
}
