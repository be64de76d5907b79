import Foundation

/// Caches the OpsRamp access token and refreshes it ahead of expiry.
///
/// **Single-flight**: however many calls arrive while there is no valid token, exactly one
/// token request goes out and all of them share its result. A failure is not cached; the
/// next call tries again. A caller that is cancelled while waiting stops waiting at once;
/// the request itself runs on, and its token serves later callers.
public actor TokenCache {
    public typealias Fetch = @Sendable () async throws(TokenError) -> TokenGrant

    private let fetch: Fetch
    private let now: @Sendable () -> ContinuousClock.Instant
    private var current: AccessToken?
    private var fetching = false
    private var waiters: [UUID: CheckedContinuation<AccessToken, Error>] = [:]

    /// Token requests sent so far (for diagnostics and tests).
    private(set) var fetchCount = 0

    public init(now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.now = now
    }

    /// How long before the reported expiry a token stops being handed out: a tenth of its
    /// lifetime, at most five minutes. The lifetime is counted from when the request was
    /// *sent*, so time on the wire never makes the cache trust a token longer than OpsRamp does.
    static func refreshMargin(forLifetime lifetime: Duration) -> Duration {
        min(.seconds(300), max(.zero, lifetime) / 10)
    }

    /// A valid token, from the cache or from the one shared request.
    public func token() async throws(TokenError) -> AccessToken {
        if let current, now() < current.refreshAfter { return current }
        let id = UUID()
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    if Task.isCancelled {
                        continuation.resume(throwing: TokenError.cancelled)
                        return
                    }
                    waiters[id] = continuation
                    startFetchIfNeeded()
                }
            } onCancel: {
                Task { await self.stopWaiting(id) }
            }
        } catch let error as TokenError {
            throw error
        } catch {
            throw .cancelled
        }
    }

    /// The cached token while it is valid, without waiting for (or starting) a request.
    public func cachedToken() -> AccessToken? {
        guard let current, now() < current.refreshAfter else { return nil }
        return current
    }

    /// Forgets `token` after OpsRamp refused it (401/407), unless a newer one replaced it already.
    public func invalidate(_ token: AccessToken) {
        if current == token { current = nil }
    }

    private func startFetchIfNeeded() {
        guard !fetching else { return }
        fetching = true
        fetchCount += 1
        let requestedAt = now()
        let fetch = self.fetch
        Task {
            let result: Result<AccessToken, TokenError>
            do throws(TokenError) {
                let grant = try await fetch()
                let usable = max(.zero, grant.expiresIn - Self.refreshMargin(forLifetime: grant.expiresIn))
                result = .success(AccessToken(value: grant.accessToken, refreshAfter: requestedAt + usable))
            } catch {
                result = .failure(error)
            }
            self.finishFetch(result)
        }
    }

    private func finishFetch(_ result: Result<AccessToken, TokenError>) {
        fetching = false
        if case .success(let token) = result { current = token }
        let resumed = waiters
        waiters.removeAll()
        for continuation in resumed.values {
            continuation.resume(with: result.mapError { $0 as Error })
        }
    }

    private func stopWaiting(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume(throwing: TokenError.cancelled)
    }
}
