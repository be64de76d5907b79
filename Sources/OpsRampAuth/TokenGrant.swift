import OpsRampSecrets

/// An access token as issued, before the cache decides when it expires.
public struct TokenGrant: Sendable {
    let accessToken: Secret
    /// Lifetime as the token endpoint reported it (`expires_in`, in seconds).
    let expiresIn: Duration
}

/// An access token held by the cache.
public struct AccessToken: Sendable, Equatable {
    public let value: Secret
    /// Monotonic time after which the cache will not hand the token out.
    let refreshAfter: ContinuousClock.Instant
}
