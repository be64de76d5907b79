/// Caches the OpsRamp access token and refreshes it ahead of expiry.
///
/// **Single-flight**: however many calls arrive while there is no valid token, exactly one
/// token request goes out and all of them share its result. A failure is not cached; the
/// next call tries again.
public actor TokenCache {
    public typealias Fetch = @Sendable () async throws(TokenError) -> TokenGrant

    private let fetch: Fetch
    private let now: @Sendable () -> ContinuousClock.Instant
    private var current: AccessToken?
    private var pending: (generation: Int, task: Task<AccessToken, Error>)?
    private var generation = 0

    /// Token requests sent so far (for diagnostics and tests).
    public private(set) var fetchCount = 0

    public init(now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.now = now
    }

    /// How long before the reported expiry a token stops being handed out: a tenth of its
    /// lifetime, at most five minutes. The lifetime is counted from when the request was
    /// *sent*, so time on the wire never makes the cache trust a token longer than OpsRamp does.
    static func refreshMargin(forLifetime lifetime: Double) -> Double {
        min(300, max(0, lifetime) * 0.1)
    }

    /// A valid token, from the cache or from one shared request.
    public func token() async throws(TokenError) -> AccessToken {
        if let current, now() < current.refreshAfter { return current }
        if let pending { return try await Self.value(of: pending.task) }

        generation += 1
        let mine = generation
        let requestedAt = now()
        let fetch = self.fetch
        fetchCount += 1
        let task = Task<AccessToken, Error> {
            let grant = try await fetch()
            let usable = max(0, grant.expiresIn - Self.refreshMargin(forLifetime: grant.expiresIn))
            return AccessToken(value: grant.accessToken, refreshAfter: requestedAt + .milliseconds(Int(usable * 1000)))
        }
        pending = (mine, task)
        defer { if pending?.generation == mine { pending = nil } }
        let token = try await Self.value(of: task)
        if pending?.generation == mine { current = token }
        return token
    }

    /// Forgets `token` after OpsRamp refused it (401/407), unless a newer one replaced it already.
    public func invalidate(_ token: AccessToken) {
        if current == token { current = nil }
    }

    private static func value(of task: Task<AccessToken, Error>) async throws(TokenError) -> AccessToken {
        do {
            return try await task.value
        } catch let error as TokenError {
            throw error
        } catch {
            throw .unexpectedResponse(String(describing: error))
        }
    }
}
