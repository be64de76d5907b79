import Synchronization

/// OpsRamp's per-minute request budgets that paging can exhaust (reference §4): a client may make
/// 50 paginated GETs (`…/search`, paged `resources/minimal`) and 50 "other" POSTs (OpsQL) a minute.
public enum RateBucket: Sendable, Hashable, CaseIterable {
    case pagedRead
    case query

    /// Requests a client-level tenant may make per minute (partner tenants have more; the lower one is
    /// safe); the default of `RequestRateBudget`'s limits.
    var perMinute: Int {
        switch self {
        case .pagedRead: 50
        case .query: 50
        }
    }

    /// What the requests of the bucket are, for messages.
    public var requests: String {
        switch self {
        case .pagedRead: "paged searches"
        case .query: "OpsQL queries"
        }
    }
}

/// Counts this process's requests per bucket over the last minute, so that no request goes out
/// past the minute's budget and one call's paging leaves some of it to others.
final class RequestRateBudget: Sendable {
    private let sent = Mutex<[RateBucket: [ContinuousClock.Instant]]>([:])
    private let window: Duration = .seconds(60)
    /// Requests a minute per bucket, where they differ from `RateBucket.perMinute`.
    private let limits: [RateBucket: Int]

    init(limits: [RateBucket: Int] = [:]) {
        self.limits = limits
    }

    /// Requests `bucket` allows a minute.
    func limit(_ bucket: RateBucket) -> Int {
        limits[bucket] ?? bucket.perMinute
    }

    /// Counts one request against `bucket` if the minute's budget has room for it; false (and nothing
    /// counted) when it is spent, so that the request is not sent at all rather than refused with a 429.
    func take(_ bucket: RateBucket, at now: ContinuousClock.Instant = .now) -> Bool {
        let limit = limit(bucket)
        return sent.withLock { sent in
            var times = sent[bucket, default: []].filter { now - $0 < window }
            guard times.count < limit else {
                sent[bucket] = times
                return false
            }
            times.append(now)
            sent[bucket] = times
            return true
        }
    }

    /// Requests still allowed in `bucket` in the current minute.
    func remaining(_ bucket: RateBucket, at now: ContinuousClock.Instant = .now) -> Int {
        let limit = limit(bucket)
        return sent.withLock { sent in
            let recent = sent[bucket, default: []].filter { now - $0 < window }
            sent[bucket] = recent
            return max(0, limit - recent.count)
        }
    }

    /// Whole seconds until `requests` more fit in `bucket` (0 when they fit now): when the requests
    /// counted against it have aged out of the minute.
    func secondsUntil(_ requests: Int, fitIn bucket: RateBucket, at now: ContinuousClock.Instant = .now) -> Int {
        let limit = limit(bucket)
        return sent.withLock { sent in
            let recent = sent[bucket, default: []].filter { now - $0 < window }.sorted()
            let excess = recent.count + requests - limit
            guard excess > 0 else { return 0 }
            let freed = recent[min(recent.count, excess) - 1] + window
            return max(1, Int((freed - now).seconds.rounded(.up)))
        }
    }
}
