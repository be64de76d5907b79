import Foundation
import OpsRampAuth
import OpsRampConfiguration
import OpsRampHTTP
import OpsRampJSON
import OpsRampLogging
import OpsRampSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The OpsRamp REST API client: authentication, URLs, retries and error mapping in one place.
/// Endpoint methods (alerts, resources, OpsQL, release version) are extensions in their own files.
public final class OpsRampClient: Sendable {
    public let connection: OpsRampConnection
    let transport: HTTPTransport
    public let tokens: TokenCache
    let retry: RetryPolicy
    let maximumResponseBytes: Int
    let userAgent: String
    /// What every request shares, set up once.
    let template: RequestTemplate
    let logger: Logger
    /// When paging stops short of OpsRamp's last page.
    let paging: PagingPolicy
    /// This process's requests per minute, against OpsRamp's per-minute budgets.
    let rateBudget: RequestRateBudget

    /// `rateLimits`: requests a minute per bucket where the tenant's differ from `RateBucket.perMinute`.
    public init(
        connection: OpsRampConnection, transport: HTTPTransport, retry: RetryPolicy,
        maximumResponseBytes: Int, userAgent: String, logger: Logger, paging: PagingPolicy = PagingPolicy(),
        rateLimits: [RateBucket: Int] = [:]
    ) {
        rateBudget = RequestRateBudget(limits: rateLimits)
        self.connection = connection
        self.transport = transport
        self.retry = retry
        self.paging = paging
        self.maximumResponseBytes = maximumResponseBytes
        self.userAgent = userAgent
        template = RequestTemplate(baseURL: connection.baseURL, userAgent: userAgent)
        self.logger = logger
        let grant = ClientCredentialsGrant(
            tokenURL: URL(string: connection.baseURL.absoluteString + connection.tokenPath) ?? connection.baseURL,
            clientID: connection.clientID,
            clientSecret: connection.clientSecret,
            transport: transport,
            // A token endpoint answers fast or not at all; never let it eat a call's whole time budget.
            limits: TransferLimits(timeout: min(connection.requestTimeout, .seconds(15)), maximumBodyBytes: 64 * 1024),
            logger: logger)
        tokens = TokenCache(fetch: grant.fetch)
        deadline = nil
    }

    /// Requests `bucket` still allows this minute (this process's own requests counted).
    public func requestsLeft(_ bucket: RateBucket) -> Int {
        rateBudget.remaining(bucket)
    }

    /// Requests `bucket` allows a minute.
    public func requestLimit(_ bucket: RateBucket) -> Int {
        rateBudget.limit(bucket)
    }

    /// Whole seconds until `requests` more requests fit in `bucket`'s budget; 0 when they fit now.
    public func secondsUntil(_ requests: Int, fitIn bucket: RateBucket) -> Int {
        rateBudget.secondsUntil(requests, fitIn: bucket)
    }

    /// The end of the time budget of the operation this client serves (one tool call), shared by
    /// all its requests: several pages or concurrent counts together still end by it. `nil` for a
    /// client not bound to one (see `bounded(by:)`); each request still has its own `callBudget`.
    let deadline: ContinuousClock.Instant?

    /// The same client (connection, token cache, rate budget) with every request ending by `deadline`.
    public func bounded(by deadline: ContinuousClock.Instant) -> OpsRampClient {
        OpsRampClient(sharing: self, deadline: deadline)
    }

    private init(sharing client: OpsRampClient, deadline: ContinuousClock.Instant) {
        connection = client.connection
        transport = client.transport
        tokens = client.tokens
        retry = client.retry
        maximumResponseBytes = client.maximumResponseBytes
        userAgent = client.userAgent
        template = client.template
        logger = client.logger
        paging = client.paging
        rateBudget = client.rateBudget
        self.deadline = deadline
    }

    /// Time left before `deadline`; `nil` when the client is not bound to one.
    var timeLeftInOperation: Duration? {
        deadline.map { $0 - ContinuousClock.now }
    }

    /// Sends `endpoint` and returns the successful response, retrying where that is safe, as
    /// `RetryAttempts` decides: once with a fresh token after 401/407; after 429 as OpsRamp's
    /// headers say; after 5xx and network failures (idempotent requests only) with backoff.
    /// This only carries the decisions out; cancellation checks and log lines stay here.
    func send(_ endpoint: Endpoint) async throws(OpsRampError) -> HTTPResponse {
        let started = ContinuousClock.now
        let ownDeadline = started + retry.callBudget
        let deadline = self.deadline.map { min($0, ownDeadline) } ?? ownDeadline
        var attempts = RetryAttempts(policy: retry, endpoint: endpoint, budget: deadline - started)
        let name = "\(endpoint.method.rawValue) \(endpoint.path.last ?? "")"

        while true {
            if Task.isCancelled { throw .cancelled }
            if let error = attempts.beforeAttempt(budgetLeft: deadline - .now) { throw error }
            let (outcome, token) = await attempt(endpoint, until: deadline)
            switch attempts.after(outcome, budgetLeft: deadline - .now) {
            case .deliver(let response):
                return response
            case .retry(let wait, let reason):
                logger.info("\(name): \(reason); retry \(attempts.retries)/\(retry.maxRetries) in \(Self.format(wait)) s")
                do {
                    try await retry.sleep(wait)
                } catch {
                    throw .cancelled
                }
                if Task.isCancelled { throw .cancelled }
            case .refreshToken(let status):
                if let token { await tokens.invalidate(token) }
                logger.info("OpsRamp refused the access token (HTTP \(status)); fetching a new one")
            case .fail(let error, let forgetToken):
                if forgetToken, let token { await tokens.invalidate(token) }
                if case .transportFailed(let failure) = outcome, failure != .cancelled {
                    logger.warning("\(endpoint.method.rawValue) \(endpoint.encodedPathAndQuery) failed: \(failure)")
                }
                throw error
            }
        }
    }

    /// One attempt: a token, the minute's rate budget, the exchange. Returns what came of it, and
    /// the token it used (`nil` when none could be had).
    private func attempt(_ endpoint: Endpoint, until deadline: ContinuousClock.Instant) async -> (AttemptOutcome, AccessToken?) {
        let token: AccessToken
        do {
            token = try await self.token(within: deadline - .now)
        } catch {
            return (.tokenFailed(error), nil)
        }
        // Never sent past the minute's budget: OpsRamp would refuse it (429) and count the refusal too.
        if let bucket = endpoint.bucket, !rateBudget.take(bucket) {
            let limit = rateBudget.limit(bucket)
            logger.info(
                "\(endpoint.method.rawValue) \(endpoint.path.last ?? ""): not sent, the minute's \(limit) \(bucket.requests) are spent")
            return (.notSent(bucket, perMinute: limit, retryAfterSeconds: rateBudget.secondsUntil(1, fitIn: bucket)), token)
        }
        let timeout = RetryAttempts.attemptTimeout(requestTimeout: connection.requestTimeout, budgetLeft: deadline - .now)
        let sentAt = ContinuousClock.now
        do {
            let response = try await transport.send(
                makeRequest(endpoint, token: token),
                limits: TransferLimits(timeout: timeout, maximumBodyBytes: maximumResponseBytes))
            let elapsed = (ContinuousClock.now - sentAt).milliseconds
            logger.debug(
                "\(endpoint.method.rawValue) \(endpoint.encodedPathAndQuery) -> \(response.status) "
                    + "(\(response.body.count) bytes, \(elapsed) ms)")
            return (.answered(response), token)
        } catch {
            return (.transportFailed(error), token)
        }
    }

    /// A token from the cache, but waiting at most `wait` for it: the token request is shared
    /// with other calls, so this call stops waiting rather than the request stopping.
    private func token(within wait: Duration) async throws(TokenError) -> AccessToken {
        let tokens = self.tokens
        // The usual case: no race, and so no timer left behind. (A cancelled `Task.sleep` keeps its
        // timer, and what it holds, until the original deadline; one per call added up.)
        if let cached = await tokens.cachedToken() { return cached }
        let first = await withTaskGroup(of: Result<AccessToken, TokenError>?.self) { group in
            group.addTask {
                do throws(TokenError) { return .success(try await tokens.token()) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: min(wait, .seconds(3_600)))
                return nil
            }
            let winner = await group.next() ?? nil
            group.cancelAll()
            return winner
        }
        if Task.isCancelled { throw .cancelled }
        guard let first else { throw .unreachable("did not answer within this call's time budget") }
        return try first.get()
    }

    /// Sends `endpoint` and parses the body as JSON; an empty body is `nil`. With `keeping`, the
    /// objects of the answer's list hold only the members it names (see `JSONListFilter`).
    func json(_ endpoint: Endpoint, keeping filter: JSONListFilter? = nil) async throws(OpsRampError) -> JSONValue? {
        let response = try await send(endpoint)
        guard response.body.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else { return nil }
        do {
            return try JSONParser.parse(response.body, keeping: filter)
        } catch {
            let kind = response.header("content-type").map { " (\($0))" } ?? ""
            throw .invalidResponse(
                "the body of \(endpoint.encodedPathAndQuery) is not valid JSON\(kind): \(error); it begins \"\(response.bodyExcerpt(limit: 80))\"")
        }
    }

    func makeRequest(_ endpoint: Endpoint, token: AccessToken) -> URLRequest {
        template.request(endpoint, bearer: token.value.exposedValue)
    }

    /// OpsRamp's wording for an object that does not exist (as HPE's own SDK reads it).
    public static func namesMissingObject(_ detail: String) -> Bool {
        let text = detail.lowercased()
        return ["no resource found", "resource not found", "not found with id"].contains { text.contains($0) }
    }

    private static func format(_ wait: Duration) -> String {
        String(format: "%.1f", wait.seconds)
    }
}
