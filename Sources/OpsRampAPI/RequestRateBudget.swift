import Synchronization

/// OpsRamp's per-minute request budgets that paging can exhaust (reference §4): a client may make
/// 50 paginated GETs (`…/search`, paged `resources/minimal`) and 50 "other" POSTs (OpsQL) a minute.
public enum RateBucket: Sendable, Hashable, CaseIterable {
    case pagedRead
    case query

    /// Requests a client-level tenant may make per minute (partner tenants have more; the lower one is safe).
    public var perMinute: Int {
        switch self {
        case .pagedRead: 50
        case .query: 50
        }
    }
}

/// Counts this process's requests per bucket over the last minute, so that one call's paging
/// stops before it spends the whole minute's budget of the tenant.
final class RequestRateBudget: Sendable {
    private let sent = Mutex<[RateBucket: [ContinuousClock.Instant]]>([:])
    private let window: Duration = .seconds(60)

    func record(_ bucket: RateBucket, at now: ContinuousClock.Instant = .now) {
        sent.withLock { sent in
            var times = sent[bucket, default: []].filter { now - $0 < window }
            times.append(now)
            sent[bucket] = times
        }
    }

    /// Requests still allowed in `bucket` in the current minute.
    func remaining(_ bucket: RateBucket, at now: ContinuousClock.Instant = .now) -> Int {
        sent.withLock { sent in
            let recent = sent[bucket, default: []].filter { now - $0 < window }
            sent[bucket] = recent
            return max(0, bucket.perMinute - recent.count)
        }
    }
}
