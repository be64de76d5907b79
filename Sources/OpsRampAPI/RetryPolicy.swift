import Foundation
import OpsRampHTTP
import OpsRampSupport

/// The tunables of retrying a failed OpsRamp request, and how long OpsRamp's headers ask us to wait.
/// `RetryAttempts` makes the decisions from them; `OpsRampClient.send` carries them out.
///
/// Retries are bounded twice over: by a count, and by a time budget for the whole call,
/// so that even a throttled or failing tenant gets an answer well inside the 60 s most MCP
/// hosts wait for a tool.
public struct RetryPolicy: Sendable {
    /// The time one tool call (and each request on its own) may take, waits included: the one
    /// place the budget is written.
    public static let standardCallBudget: Duration = .seconds(45)

    /// Retries after the first attempt, for 429, 5xx and network failures.
    public var maxRetries: Int
    /// First backoff delay; doubles each retry, with jitter.
    var baseDelay: Duration
    /// Longest single backoff wait.
    var maxDelay: Duration
    /// Longest wait after a 429 that is still worth making within one call.
    var maxRateLimitWait: Duration
    /// The time one request may take in total, including waits.
    var callBudget: Duration
    /// Waits; replaced in tests.
    var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in 0..<1; replaced in tests.
    var random: @Sendable () -> Double
    /// The wall-clock time now, for `X-RateLimit-Reset` and HTTP dates; replaced in tests.
    var wallClock: @Sendable () -> Date

    public init(
        maxRetries: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(10),
        maxRateLimitWait: Duration = .seconds(20), callBudget: Duration = RetryPolicy.standardCallBudget,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRateLimitWait = maxRateLimitWait
        self.callBudget = callBudget
        self.sleep = sleep
        self.random = random
        self.wallClock = wallClock
    }

    /// Exponential backoff with jitter: between half and all of `base * 2^retry`, capped.
    func backoff(retry: Int) -> Duration {
        let ceiling = min(maxDelay.seconds, baseDelay.seconds * pow(2, Double(retry)))
        return .seconds(ceiling * (0.5 + 0.5 * random()))
    }

    /// How long OpsRamp asks us to wait after a 429: `Retry-After` (seconds or an HTTP date)
    /// when present, else `X-RateLimit-Reset` (epoch seconds, possibly quoted); `nil` if neither.
    /// Values are clamped to an hour: a header is network input, and nonsense must not trap or stall.
    func rateLimitWait(_ response: HTTPResponse) -> Duration? {
        func bounded(_ seconds: Double) -> Duration? {
            seconds.isFinite ? .seconds(min(max(0, seconds), 3_600)) : nil
        }
        if let raw = response.header("retry-after").map(Self.unquote) {
            if let seconds = Double(raw) { return bounded(seconds) }
            if let date = Self.httpDate(raw) { return bounded(date.timeIntervalSince(wallClock())) }
        }
        if let raw = response.header("x-ratelimit-reset").map(Self.unquote), let reset = Double(raw), reset.isFinite {
            // Documented as epoch seconds; a small number can only be a delay in seconds.
            let wait = reset > 1_000_000_000 ? Date(timeIntervalSince1970: reset).timeIntervalSince(wallClock()) : reset
            return bounded(wait + 0.25)
        }
        return nil
    }

    static func unquote(_ value: String) -> String {
        value.trimmingCharacters(in: CharacterSet(charactersIn: "\" ").union(.whitespaces))
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
