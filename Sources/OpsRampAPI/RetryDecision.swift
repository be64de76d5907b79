import OpsRampAuth
import OpsRampHTTP
import OpsRampSupport

/// What `OpsRampClient.send` does after an attempt: the output of `RetryAttempts.after`.
/// (Before an attempt, `RetryAttempts.beforeAttempt` says only whether to stop, and with what.)
enum RetryDecision: Sendable, Equatable {
    /// This answer is the result.
    case deliver(HTTPResponse)
    /// Wait this long, then attempt again; `reason` is for the log.
    case retry(after: Duration, reason: String)
    /// Forget the token OpsRamp refused with `status`, fetch a new one and attempt again at once.
    case refreshToken(status: Int)
    /// Stop with this error; `forgetToken` when OpsRamp refused the token that was used.
    case fail(OpsRampError, forgetToken: Bool = false)
}

/// What one attempt at a request came to.
enum AttemptOutcome: Sendable {
    /// No access token could be had.
    case tokenFailed(TokenError)
    /// Not sent: `bucket`'s budget of `perMinute` requests is spent for this minute, and the
    /// next request fits in `retryAfterSeconds`.
    case notSent(RateBucket, perMinute: Int, retryAfterSeconds: Int)
    /// The exchange gave no complete answer.
    case transportFailed(TransportError)
    /// OpsRamp answered, with any status.
    case answered(HTTPResponse)
}

/// The retry, token-refresh and back-off decisions for one request: what happened in, what to do
/// next out, no I/O. One value lives as long as one `send`; it counts the retries made.
///
/// The rules, row by row (`RetryDecisionTests` holds a test for each):
/// - before each attempt: a path and query over `Endpoint.maximumPathAndQueryBytes` fails, too
///   large; less than a second of the budget left fails, timed out, naming the whole budget
///   (the call's own, or the shorter one of the operation it belongs to);
/// - each attempt's exchange may take the request timeout, but no longer than the budget left,
///   and never less than half a second (`attemptTimeout`);
/// - not sent because the minute's rate budget is spent: fail, saying when the next one fits;
/// - 2xx: deliver; 3xx: fail, a redirect (304 an unexpected status);
/// - 401/407: forget the token, refresh and resend once at once; the second time fail, unauthorized;
/// - 403: fail, unauthorized; 404: not found; 410: tenant unavailable; 413/414: request too large;
/// - 400: a GET is retried once after backoff, else fail, bad request;
/// - 429: wait as `Retry-After` / `X-RateLimit-Reset` say (else backoff) if that is at most
///   `maxRateLimitWait`, else fail, rate-limited, saying when to try again;
/// - 500 that names a missing object: not found; 500/502/503/504: backoff and retry idempotent
///   requests, else fail, server; any other status: fail, server;
/// - a transient transport failure (timeout, cannot connect, connection lost) of an idempotent
///   request, or a transient token failure: backoff and retry; others (certificate, proxy, too
///   large, compressed) fail at once;
/// - every wait needs a retry left (`maxRetries`) and must end a second before the budget does
///   (wait + 1 s < budget left); when it cannot, the failure it would have retried is the answer.
///
/// `send` keeps only what is not a decision: checking for cancellation before each attempt and
/// after each wait, the waits themselves, forgetting tokens, and the log lines.
struct RetryAttempts: Sendable {
    let policy: RetryPolicy
    let method: Endpoint.Method
    let idempotent: Bool
    /// The whole time budget of the request, for the timed-out message.
    let budget: Duration
    /// The length of the request's path and query, checked before each attempt.
    let pathAndQueryBytes: Int
    /// Waits made so far.
    var retries = 0
    var refreshedToken = false
    var retriedBadRequest = false

    init(policy: RetryPolicy, method: Endpoint.Method, idempotent: Bool, budget: Duration, pathAndQueryBytes: Int = 0) {
        self.policy = policy
        self.pathAndQueryBytes = pathAndQueryBytes
        self.method = method
        self.idempotent = idempotent
        self.budget = budget
    }

    init(policy: RetryPolicy, endpoint: Endpoint, budget: Duration) {
        self.init(
            policy: policy, method: endpoint.method, idempotent: endpoint.idempotent, budget: budget,
            pathAndQueryBytes: endpoint.encodedPathAndQuery.utf8.count)
    }

    /// Before each attempt: the error to stop with, or `nil` to attempt. A URL over the limit is
    /// never sent; less than a second left is not enough for another exchange.
    func beforeAttempt(budgetLeft: Duration) -> OpsRampError? {
        guard pathAndQueryBytes <= Endpoint.maximumPathAndQueryBytes else {
            return .requestTooLarge(
                "a request URL of \(pathAndQueryBytes) bytes; the limit is \(Endpoint.maximumPathAndQueryBytes)")
        }
        return budgetLeft >= .seconds(1) ? nil : .transport(.timedOut(after: budget))
    }

    /// How long one attempt's exchange may take: `requestTimeout`, cut to the budget left, but
    /// never under half a second (a shorter one could not even connect).
    static func attemptTimeout(requestTimeout: Duration, budgetLeft: Duration) -> Duration {
        min(requestTimeout, max(.milliseconds(500), budgetLeft))
    }

    /// After an attempt: deliver, retry, refresh or fail. Counts the retry it asks for.
    mutating func after(_ outcome: AttemptOutcome, budgetLeft: Duration) -> RetryDecision {
        switch outcome {
        case .tokenFailed(.cancelled), .transportFailed(.cancelled):
            return .fail(.cancelled)
        case .notSent(let bucket, let perMinute, let seconds):
            return .fail(.rateBudgetSpent(bucket, perMinute: perMinute, retryAfterSeconds: seconds))
        case .tokenFailed(let error):
            if error.isTransient,
                let wait = retry(
                    after: policy.backoff(retry: retries), budgetLeft: budgetLeft,
                    reason: "token request failed (\(error))")
            {
                return wait
            }
            return .fail(.authentication(error))
        case .transportFailed(let error):
            if error.isTransient, idempotent,
                let wait = retry(after: policy.backoff(retry: retries), budgetLeft: budgetLeft, reason: "\(error)")
            {
                return wait
            }
            return .fail(.transport(error))
        case .answered(let response):
            return after(response, budgetLeft: budgetLeft)
        }
    }

    private mutating func after(_ response: HTTPResponse, budgetLeft: Duration) -> RetryDecision {
        if response.isSuccess { return .deliver(response) }
        let status = response.status
        let detail = OpsRampErrorBody.detail(of: response)
        switch status {
        case 401, 407:
            // 407 is how OpsRamp reports an expired token; 401 an invalid one. Fetch a new one once.
            guard refreshedToken else {
                refreshedToken = true
                return .refreshToken(status: status)
            }
            return .fail(.unauthorized(status: status, detail: detail), forgetToken: true)
        case 403:
            return .fail(.unauthorized(status: 403, detail: detail))
        case 429:
            // Waiting less than OpsRamp asks only earns another 429, so a long wait ends the call instead.
            let wait = policy.rateLimitWait(response) ?? policy.backoff(retry: retries + 1)
            if wait <= policy.maxRateLimitWait,
                let retry = retry(after: wait, budgetLeft: budgetLeft, reason: "rate-limited (HTTP 429)")
            {
                return retry
            }
            return .fail(.rateLimited(retryAfterSeconds: Int(wait.seconds.rounded(.up))))
        case 400:
            // OpsRamp answers 400 under load now and then; a read is worth one more try.
            if method == .get, !retriedBadRequest,
                let retry = retry(after: policy.backoff(retry: retries), budgetLeft: budgetLeft, reason: "HTTP 400")
            {
                retriedBadRequest = true
                return retry
            }
            return .fail(.badRequest(detail: detail))
        case 304:
            // "Not modified" answers a conditional request, and this client never makes one.
            return .fail(.unexpectedStatus(status: status, detail: detail))
        case 300..<400:
            return .fail(.redirected(status: status, location: response.header("location")))
        case 404:
            return .fail(.notFound(detail: detail))
        case 413, 414:
            return .fail(.requestTooLarge("OpsRamp answered HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")"))
        case 410:
            return .fail(.tenantUnavailable(detail: detail))
        case 500 where OpsRampClient.namesMissingObject(detail):
            // OpsRamp reports some missing objects as 500 "No resource found ...": not transient.
            return .fail(.notFound(detail: detail))
        case 500, 502, 503, 504:
            if idempotent, let retry = retry(after: policy.backoff(retry: retries), budgetLeft: budgetLeft, reason: "HTTP \(status)") {
                return retry
            }
            return .fail(.server(status: status, detail: detail))
        default:
            return .fail(.server(status: status, detail: detail))
        }
    }

    /// A retry after `wait` if one is left and the wait ends a second before the budget does; `nil` otherwise.
    private mutating func retry(after wait: Duration, budgetLeft: Duration, reason: String) -> RetryDecision? {
        guard retries < policy.maxRetries, wait + .seconds(1) < budgetLeft else { return nil }
        retries += 1
        return .retry(after: wait, reason: reason)
    }
}
