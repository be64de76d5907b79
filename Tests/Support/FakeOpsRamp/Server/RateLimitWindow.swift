import Foundation

/// A per-minute request counter behind the `X-RateLimit-*` headers of every answer (reference §4).
/// It only reports; real throttling is simulated with `Fault.rateLimited`.
struct RateLimitWindow: Sendable {
    var limit: Int
    private var windowStart = 0
    private var used = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one request and returns the headers to send with its answer.
    mutating func record(at now: Date) -> [(name: String, value: String)] {
        let second = Int(now.timeIntervalSince1970)
        let minute = second - second % 60
        if minute != windowStart {
            windowStart = minute
            used = 0
        }
        used += 1
        return [
            ("X-RateLimit-Limit", String(limit)),
            ("X-RateLimit-Remaining", String(max(0, limit - used))),
            ("X-RateLimit-Reset", String(windowStart + 60)),
        ]
    }
}
