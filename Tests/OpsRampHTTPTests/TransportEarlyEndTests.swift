import FakeOpsRamp
import Foundation
import Testing

@testable import OpsRampHTTP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("URLSession transport: early ends and odd answers with delegate calls on URLSession's queue", .timeLimit(.minutes(1)))
struct TransportEarlyEndTests {
    /// A body whose every byte depends on its position, so that a reordered or lost piece shows.
    static func patterned(_ count: Int, seed: Int = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ seed) % 251) }
    }

    /// Waits (up to `seconds`) until `condition` holds; returns whether it did.
    static func eventually(_ seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    static func outcome(_ send: () async throws(TransportError) -> HTTPResponse) async -> Result<HTTPResponse, TransportError> {
        do { return .success(try await send()) } catch { return .failure(error) }
    }

    @Test(
        "cancelling the calling task while the body is arriving ends the exchange as cancelled at once and closes its connection",
        arguments: [false, true])
    func cancelMidBody(chunked: Bool) async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        for round in 1...3 {
            fake.inject(
                .stalledBody(200, body: Self.patterned(512 * 1024), headers: chunked ? ["Transfer-Encoding": "chunked"] : [:]),
                on: .releaseVersion)
            let task = Task {
                await Self.outcome { () async throws(TransportError) in
                    try await transport.send(request, limits: TransferLimits(timeout: .seconds(30), maximumBodyBytes: 4 << 20))
                }
            }
            try await Task.sleep(for: .milliseconds(400))
            let cancelledAt = ContinuousClock.now
            task.cancel()
            let result = await task.value
            #expect(ContinuousClock.now - cancelledAt < .seconds(1))
            guard case .failure(.cancelled) = result else {
                Issue.record("round \(round): \(result)")
                continue
            }
            // URLSession really stopped the transfer: the client closed the stalled connection.
            #expect(await Self.eventually { fake.abandonedHangCount == round }, "round \(round)")
            let response = try await transport.send(request, limits: .ordinary)
            #expect(response.status == 200)
        }
        #expect(transport.pendingDeadlines == 0)
    }

    @Test("a body that stops arriving midway times out, closes its connection, and the next exchange works")
    func timeoutMidBody() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        for round in 1...3 {
            fake.inject(.stalledBody(200, body: Self.patterned(512 * 1024), headers: [:]), on: .releaseVersion)
            let started = ContinuousClock.now
            await #expect(throws: TransportError.timedOut(after: .milliseconds(500))) {
                _ = try await transport.send(request, limits: TransferLimits(timeout: .milliseconds(500), maximumBodyBytes: 4 << 20))
            }
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(await Self.eventually { fake.abandonedHangCount == round }, "round \(round)")
            let response = try await transport.send(request, limits: .ordinary)
            #expect(response.status == 200)
        }
        #expect(transport.pendingDeadlines == 0)
    }

    @Test("100 exchanges at once on one transport, over the cap, cancelled, timed out and normal, each end as they should")
    func manyAtOnce() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let tenant = "/api/v2/tenants/client_1234"
        // One route per kind: the fake takes a route's faults in arrival order.
        let normalBody = Self.patterned(300 * 1024, seed: 7)
        fake.inject(.bytes(200, body: Self.patterned(256 * 1024), headers: ["Transfer-Encoding": "chunked"]), on: .releaseVersion, times: 25)
        fake.inject(.stalledBody(200, body: Self.patterned(256 * 1024), headers: [:]), on: .alerts, times: 25)
        fake.inject(.stalledBody(200, body: Self.patterned(256 * 1024), headers: ["Transfer-Encoding": "chunked"]), on: .minimalResources, times: 25)
        fake.inject(.bytes(200, body: normalBody, headers: ["Transfer-Encoding": "chunked"]), on: .opsql, times: 13)
        fake.inject(.bytes(200, body: normalBody, headers: [:]), on: .opsql, times: 12)
        let tooLarge = try fake.authorizedRequest()
        let toCancel = try fake.authorizedRequest(tenant + "/alerts/search")
        let toTimeOut = try fake.authorizedRequest(tenant + "/resources/minimal")
        var post = try fake.authorizedRequest("/opsql/api/v3/tenants/client_1234/queries")
        post.httpMethod = "POST"
        post.httpBody = Data(#"{"objectType":"resource","fields":["id"]}"#.utf8)
        post.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let normal = post

        let failures = await withTaskGroup(of: String?.self) { group in
            for index in 0..<100 {
                group.addTask {
                    switch index % 4 {
                    case 0:
                        let result = await Self.outcome { () async throws(TransportError) in
                            try await transport.send(tooLarge, limits: TransferLimits(timeout: .seconds(20), maximumBodyBytes: 64 * 1024))
                        }
                        if case .failure(.responseTooLarge(limit: 64 * 1024)) = result { return nil }
                        return "over the cap #\(index): \(result)"
                    case 1:
                        let inner = Task {
                            await Self.outcome { () async throws(TransportError) in
                                try await transport.send(toCancel, limits: TransferLimits(timeout: .seconds(20), maximumBodyBytes: 1 << 20))
                            }
                        }
                        try? await Task.sleep(for: .milliseconds(1500))
                        inner.cancel()
                        let result = await inner.value
                        if case .failure(.cancelled) = result { return nil }
                        return "cancelled #\(index): \(result)"
                    case 2:
                        let result = await Self.outcome { () async throws(TransportError) in
                            try await transport.send(toTimeOut, limits: TransferLimits(timeout: .milliseconds(2500), maximumBodyBytes: 1 << 20))
                        }
                        if case .failure(.timedOut(after: .milliseconds(2500))) = result { return nil }
                        return "timed out #\(index): \(result)"
                    default:
                        let result = await Self.outcome { () async throws(TransportError) in
                            try await transport.send(normal, limits: TransferLimits(timeout: .seconds(20), maximumBodyBytes: 1 << 20))
                        }
                        if case .success(let response) = result, response.status == 200, response.body == Data(normalBody) { return nil }
                        return "normal #\(index): \((try? result.get()).map { "\($0.status), \($0.body.count) bytes" } ?? "\(result)")"
                    }
                }
            }
            var failures: [String] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(transport.pendingDeadlines == 0)
        // Every cancelled and timed-out transfer was stopped: the client closed all 50 stalled connections.
        #expect(await Self.eventually(10) { fake.abandonedHangCount == 50 }, "abandoned: \(fake.abandonedHangCount)")
        let response = try await transport.send(tooLarge, limits: .ordinary)
        #expect(response.status == 200)
    }

    @Test("cancelling right after the call starts, at every moment, ends as cancelled or as the answer, never hangs")
    func cancelAtAnyMoment() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let body = Self.patterned(2 << 20)
        fake.inject(.bytes(200, body: body, headers: ["Transfer-Encoding": "chunked"]), on: .releaseVersion, times: 200)
        let request = try fake.authorizedRequest()
        var cancelled = 0
        var answered = 0
        for attempt in 0..<200 {
            let task = Task {
                await Self.outcome { () async throws(TransportError) in
                    try await transport.send(request, limits: TransferLimits(timeout: .seconds(10), maximumBodyBytes: 4 << 20))
                }
            }
            if attempt % 10 != 0 { try await Task.sleep(for: .microseconds((attempt % 10) * 1500)) }
            task.cancel()
            switch await task.value {
            case .failure(.cancelled): cancelled += 1
            case .success(let response) where response.status == 200 && response.body == Data(body): answered += 1
            case let other: Issue.record("attempt \(attempt): \((try? other.get()).map { "\($0.status) \($0.body.count)" } ?? "\(other)")")
            }
        }
        #expect(cancelled + answered == 200)
        #expect(transport.pendingDeadlines == 0)
        fake.reset()
        let response = try await transport.send(request, limits: .ordinary)
        #expect(response.status == 200)
    }

    @Test(
        "a redirect to another path or another host is not followed: the 3xx is the answer, and the other host sees nothing",
        arguments: [301, 302, 303, 307, 308])
    func redirectNotFollowed(_ status: Int) async throws {
        let fake = FakeOpsRamp()
        let other = FakeOpsRamp()
        try fake.start()
        try other.start()
        defer {
            fake.stop()
            other.stop()
        }
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        for location in ["/api/v2/tenants/client_1234/alerts/search", other.baseURL + "/tenancy/api/v3/release-version"] {
            fake.reset()
            fake.inject(.status(status, body: #"{"moved":true}"#, headers: ["Location": location]), on: .releaseVersion)
            let response = try await transport.send(request, limits: .ordinary)
            #expect(response.status == status)
            #expect(response.header("location") == location)
            #expect(response.body == Data(#"{"moved":true}"#.utf8))
            #expect(fake.requests.map(\.path) == ["/tenancy/api/v3/release-version"])
        }
        // Another over-the-cap redirect: still ended by the cap (URLSession holds a 3xx body back to its end).
        fake.inject(
            .status(status, body: String(repeating: "x", count: 256 * 1024), headers: ["Location": other.baseURL + "/x"]), on: .releaseVersion)
        await #expect(throws: TransportError.responseTooLarge(limit: 64 * 1024)) {
            _ = try await transport.send(request, limits: TransferLimits(timeout: .seconds(5), maximumBodyBytes: 64 * 1024))
        }
        #expect(other.requests.isEmpty)
        #expect(other.acceptedConnectionCount == 0)
        let response = try await transport.send(request, limits: .ordinary)
        #expect(response.status == 200)
        #expect(transport.pendingDeadlines == 0)
    }

    @Test(
        "a 401 that asks for a password (WWW-Authenticate: Basic, Digest, ...) is the answer, at once, not a wait until the timeout",
        arguments: [
            #"Basic realm="oauth2/client""#, #"Basic realm="x", charset="UTF-8""#, #"Digest realm="x", nonce="abc""#, #"Bearer realm="api""#, "Basic",
        ])
    func passwordChallenge(_ challenge: String) async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        let limits = TransferLimits(timeout: .seconds(10), maximumBodyBytes: 1 << 20)
        for _ in 0..<2 {
            fake.inject(
                .status(401, body: #"{"error":"unauthorized","error_description":"Bad API credentials"}"#, headers: ["WWW-Authenticate": challenge]),
                on: .releaseVersion)
            let sentBefore = fake.requests.count
            let started = ContinuousClock.now
            let response = try await transport.send(request, limits: limits)
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(response.status == 401)
            #expect(response.header("www-authenticate") == challenge)
            #expect(String(decoding: response.body, as: UTF8.self).contains("Bad API credentials"))
            // Sent once: no credential was tried.
            #expect(fake.requests.count == sentBefore + 1)
            #expect(try await transport.send(request, limits: limits).status == 200)
        }
        #expect(fake.requests.allSatisfy { $0.headers["authorization"]?.hasPrefix("Basic") != true })
        #expect(transport.pendingDeadlines == 0)
    }

    @Test("a reset connection and a truncated body fail as a lost connection, and the next exchange works")
    func resetAndTruncated() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        let limits = TransferLimits.ordinary
        for _ in 0..<3 {
            fake.inject(.reset, on: .releaseVersion, times: 2)
            let reset = await Self.outcome { () async throws(TransportError) in try await transport.send(request, limits: limits) }
            guard case .failure(.connectionLost) = reset else {
                Issue.record("reset: \(reset)")
                return
            }
            // On a fresh connection libcurl does not retry, and the second reset stays queued.
            fake.reset()
            fake.inject(.truncated, on: .releaseVersion)
            let truncated = await Self.outcome { () async throws(TransportError) in try await transport.send(request, limits: limits) }
            // libcurl's "transfer closed with 23 bytes remaining to read" (CURLE_PARTIAL_FILE) comes as URLError.unknown.
            guard case .failure(.connectionLost) = truncated else {
                Issue.record("truncated: \(truncated)")
                return
            }
            #expect(try await transport.send(request, limits: limits).status == 200)
        }
        #expect(transport.pendingDeadlines == 0)
    }

    @Test("many sequential exchanges of every body shape keep one connection, the body intact and in order")
    func sequentialReuse() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        let limits = TransferLimits(timeout: .seconds(5), maximumBodyBytes: 2 << 20)
        for round in 0..<60 {
            let body = Self.patterned([0, 1, 100, 16 * 1024, 16 * 1024 + 1, 200_000, 1 << 20][round % 7], seed: round)
            fake.inject(.bytes(200, body: body, headers: round % 2 == 0 ? ["Transfer-Encoding": "chunked"] : [:]), on: .releaseVersion)
            let response = try await transport.send(request, limits: limits)
            #expect(response.status == 200)
            #expect(response.body == Data(body), "round \(round): \(response.body.count) of \(body.count) bytes")
        }
        #expect(fake.acceptedConnectionCount == 1)
        #expect(transport.pendingDeadlines == 0)
    }
}
