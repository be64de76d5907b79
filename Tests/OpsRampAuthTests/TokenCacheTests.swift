import OpsRampSecrets
import Synchronization
import Testing

@testable import OpsRampAuth

/// A token endpoint stand-in that counts calls and can be slowed down or made to fail.
final class StubTokenEndpoint: Sendable {
    private let calls = Mutex(0)
    let delay: Duration
    let lifetime: Double
    let failures: Mutex<[TokenError]>

    init(delay: Duration = .milliseconds(50), lifetime: Double = 7199, failures: [TokenError] = []) {
        self.delay = delay
        self.lifetime = lifetime
        self.failures = Mutex(failures)
    }

    var callCount: Int { calls.withLock { $0 } }

    func fetch() async throws(TokenError) -> TokenGrant {
        let number = calls.withLock { value -> Int in
            value += 1
            return value
        }
        try? await Task.sleep(for: delay)
        if let failure = failures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw failure }
        return TokenGrant(accessToken: Secret("stub-token-\(number)"), expiresIn: .seconds(lifetime))
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let offset = Mutex(Duration.zero)
    private let start = ContinuousClock.now
    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
    func advance(_ duration: Duration) { offset.withLock { $0 += duration } }
}

@Suite("Token cache")
struct TokenCacheTests {
    @Test("100 concurrent first calls cause exactly one token request")
    func singleFlight() async throws {
        let endpoint = StubTokenEndpoint()
        let cache = TokenCache(fetch: endpoint.fetch)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { try await cache.token().value.exposedValue } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(endpoint.callCount == 1)
        #expect(tokens == ["stub-token-1"])
        #expect(await cache.fetchCount == 1)
    }

    @Test("a cached token is reused until the refresh margin, then refreshed once")
    func refreshAhead() async throws {
        let clock = ManualClock()
        let endpoint = StubTokenEndpoint(delay: .zero, lifetime: 1000)
        let cache = TokenCache(now: { clock.now }, fetch: endpoint.fetch)
        #expect(try await cache.token().value.exposedValue == "stub-token-1")
        clock.advance(.seconds(850))
        #expect(try await cache.token().value.exposedValue == "stub-token-1")
        // Margin is 10% of the lifetime: past 900 s the token is not handed out any more.
        clock.advance(.seconds(60))
        #expect(try await cache.token().value.exposedValue == "stub-token-2")
        #expect(endpoint.callCount == 2)
    }

    @Test("the margin is a tenth of the lifetime, at most five minutes")
    func margin() {
        #expect(TokenCache.refreshMargin(forLifetime: .seconds(7199)) == .seconds(300))
        #expect(TokenCache.refreshMargin(forLifetime: .seconds(100)) == .seconds(10))
        #expect(TokenCache.refreshMargin(forLifetime: .seconds(-5)) == .zero)
    }

    @Test("invalidate drops only the token that was refused")
    func invalidate() async throws {
        let endpoint = StubTokenEndpoint(delay: .zero)
        let cache = TokenCache(fetch: endpoint.fetch)
        let first = try await cache.token()
        await cache.invalidate(first)
        let second = try await cache.token()
        #expect(second.value.exposedValue == "stub-token-2")
        await cache.invalidate(first) // stale: must not drop the new one
        #expect(try await cache.token() == second)
        #expect(endpoint.callCount == 2)
    }

    @Test("a failure reaches every waiter, is not cached, and the next call tries again")
    func failureNotCached() async throws {
        let endpoint = StubTokenEndpoint(failures: [.rejected(status: 401, detail: "Bad API credentials")])
        let cache = TokenCache(fetch: endpoint.fetch)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do {
                        _ = try await cache.token()
                        return true
                    } catch { return false }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes == Array(repeating: false, count: 10))
        #expect(endpoint.callCount == 1)
        #expect(try await cache.token().value.exposedValue == "stub-token-2")
    }

    @Test("a cancelled waiter stops waiting at once; the fetch still serves the others")
    func cancelledWaiter() async throws {
        let endpoint = StubTokenEndpoint(delay: .milliseconds(500))
        let cache = TokenCache(fetch: endpoint.fetch)
        let waiter = Task { try await cache.token() }
        let other = Task { try await cache.token() }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        waiter.cancel()
        await #expect(throws: TokenError.cancelled) { try await waiter.value }
        #expect(ContinuousClock.now - started < .milliseconds(300))
        #expect(try await other.value.value.exposedValue == "stub-token-1")
        #expect(endpoint.callCount == 1)
    }

    @Test("the token value never shows up in descriptions")
    func redaction() async throws {
        let cache = TokenCache(fetch: StubTokenEndpoint(delay: .zero).fetch)
        let token = try await cache.token()
        #expect(!String(describing: token).contains("stub-token"))
        #expect(!String(reflecting: token).contains("stub-token"))
    }
}
