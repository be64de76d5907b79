import FakeOpsRamp
import Foundation
import Testing

@testable import OpsRampHTTP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("URLSession transport")
struct URLSessionTransportTests {
    @Test("the URLSession is created by the first request, not with the transport")
    func sessionOnFirstUse() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        #expect(!transport.hasSession)
        let request = try fake.authorizedRequest()
        let response = try await transport.send(request, limits: .ordinary)
        #expect(response.status == 200)
        #expect(transport.hasSession)
        #expect(fake.requests.last?.headers["accept-encoding"] == "identity")
    }

    @Test("a request timeout shorter than the exchange allows is raised to outlast it")
    func requestTimeout() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        fake.inject(.delay(1.5), on: .releaseVersion)
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest(timeoutInterval: 1)
        // URLSession alone would give up after 1 s; the exchange allows 4.
        let response = try await transport.send(request, limits: TransferLimits(timeout: .seconds(4), maximumBodyBytes: 1 << 20))
        #expect(response.status == 200)
    }

    @Test("an exchange past its timeout fails as timed out, and leaves no deadline behind")
    func timeout() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        fake.inject(.hang, on: .releaseVersion)
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        let started = ContinuousClock.now
        await #expect(throws: TransportError.timedOut(after: .milliseconds(600))) {
            _ = try await transport.send(request, limits: TransferLimits(timeout: .milliseconds(600), maximumBodyBytes: 1 << 20))
        }
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(transport.pendingDeadlines == 0)
    }
}

@Suite("URLSession transport: delegate calls on URLSession's own queue", .timeLimit(.minutes(1)))
struct InlineDelegateTests {
    @Test("back-to-back exchanges reuse one keep-alive connection and leave no task or deadline behind")
    func keepAlive() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        for _ in 0..<50 {
            let response = try await transport.send(request, limits: .ordinary)
            #expect(response.status == 200)
        }
        #expect(fake.acceptedConnectionCount == 1)
        #expect(transport.pendingDeadlines == 0)
    }

    @Test("a body past the cap ends the exchange from inside URLSession's callback, declared or chunked, and the next exchange works")
    func capInsideCallback() async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        for round in 0..<3 {
            // Larger than the cap, with a Content-Length the response callback sees, then without one
            // (the cap is met while the body arrives).
            fake.inject(.oversized(bytes: 4 << 20), on: .releaseVersion)
            await #expect(throws: TransportError.responseTooLarge(limit: 64 * 1024)) {
                _ = try await transport.send(request, limits: TransferLimits(timeout: .seconds(5), maximumBodyBytes: 64 * 1024))
            }
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 256 * 1024)
            fake.inject(.bytes(200, body: body, headers: ["Transfer-Encoding": "chunked"]), on: .releaseVersion)
            await #expect(throws: TransportError.responseTooLarge(limit: 64 * 1024), "round \(round)") {
                _ = try await transport.send(request, limits: TransferLimits(timeout: .seconds(5), maximumBodyBytes: 64 * 1024))
            }
            let response = try await transport.send(request, limits: .ordinary)
            #expect(response.status == 200)
        }
        #expect(transport.pendingDeadlines == 0)
    }
}

@Suite("URLSession transport: answers URLSession holds back")
struct HeldBackAnswerTests {
    @Test(
        "a 3xx without a Location, and a 304, reach the caller as their status, not as no answer",
        arguments: [301, 302, 303, 304, 307, 308])
    func redirectWithoutLocation(_ status: Int) async throws {
        let fake = FakeOpsRamp()
        try fake.start()
        defer { fake.stop() }
        fake.inject(.status(status, body: "", headers: ["X-Probe": "kept"]), on: .releaseVersion)
        let transport = URLSessionTransport()
        let request = try fake.authorizedRequest()
        let response = try await transport.send(request, limits: .ordinary)
        #expect(response.status == status)
        #expect(response.header("location") == nil)
        #expect(response.header("x-probe") == "kept")
    }
}
