import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Configuration
import HTTP
import JSON
import Logging
import OpsRampAuth

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
    public init(connection: OpsRampConnection, transport: HTTPTransport, retry: RetryPolicy,
                maximumResponseBytes: Int, userAgent: String, logger: Logger, paging: PagingPolicy = PagingPolicy(),
                rateLimits: [RateBucket: Int] = [:]) {
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
            limits: TransferLimits(timeout: min(connection.requestTimeout, 15), maximumBodyBytes: 64 * 1024),
            logger: logger)
        tokens = TokenCache(fetch: grant.fetch)
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

    /// Seconds left in the time budget of the operation being served; `nil` outside one.
    static var secondsLeftInOperation: Double? {
        operationDeadline.map { ($0 - ContinuousClock.now).seconds }
    }

    /// The end of the time budget of the operation being served (one tool call), shared by all
    /// its requests: several pages or concurrent counts together still end by it.
    @TaskLocal public static var operationDeadline: ContinuousClock.Instant?

    /// Runs `operation` with a shared deadline `seconds` from now (see `operationDeadline`).
    public func withDeadline<T: Sendable>(seconds: Double, _ operation: () async throws -> T) async rethrows -> T {
        try await Self.$operationDeadline.withValue(ContinuousClock.now + .milliseconds(Int(seconds * 1000))) {
            try await operation()
        }
    }

    /// Sends `endpoint` and returns the successful response, retrying where that is safe:
    /// once with a fresh token after 401/407; after 429 as OpsRamp's headers say; after
    /// 5xx and network failures (idempotent requests only) with exponential backoff.
    public func send(_ endpoint: Endpoint) async throws(OpsRampError) -> HTTPResponse {
        let pathAndQuery = endpoint.encodedPathAndQuery.utf8.count
        guard pathAndQuery <= Endpoint.maximumPathAndQueryBytes else {
            throw .requestTooLarge("a request URL of \(pathAndQuery) bytes; the limit is \(Endpoint.maximumPathAndQueryBytes)")
        }
        let started = ContinuousClock.now
        let ownDeadline = started + .milliseconds(Int(retry.callBudget * 1000))
        let deadline = Self.operationDeadline.map { min($0, ownDeadline) } ?? ownDeadline
        var retries = 0
        var refreshedToken = false
        var retriedBadRequest = false

        func remainingBudget() -> Double {
            (deadline - ContinuousClock.now).seconds
        }

        /// Waits `seconds` if another attempt is allowed and fits in the budget; false otherwise.
        func waitForRetry(_ seconds: Double, reason: String) async throws(OpsRampError) -> Bool {
            guard retries < retry.maxRetries, seconds + 1 < remainingBudget() else { return false }
            retries += 1
            logger.info("\(endpoint.method.rawValue) \(endpoint.path.last ?? ""): \(reason); retry \(retries)/\(retry.maxRetries) in \(Self.format(seconds)) s")
            do {
                try await retry.sleep(seconds)
            } catch {
                throw .cancelled
            }
            if Task.isCancelled { throw .cancelled }
            return true
        }

        while true {
            if Task.isCancelled { throw .cancelled }
            // Less than a second left is not enough for another exchange.
            guard remainingBudget() >= 1 else { throw .transport(.timedOut(seconds: (deadline - started).seconds)) }
            let token: AccessToken
            do {
                token = try await self.token(within: remainingBudget())
            } catch .cancelled {
                throw .cancelled
            } catch {
                if error.isTransient, try await waitForRetry(retry.backoff(retry: retries), reason: "token request failed (\(error))") { continue }
                throw .authentication(error)
            }

            let timeout = min(connection.requestTimeout, max(0.5, remainingBudget()))
            // Never sent past the minute's budget: OpsRamp would refuse it (429) and count the refusal too.
            if let bucket = endpoint.bucket, !rateBudget.take(bucket) {
                let limit = rateBudget.limit(bucket)
                logger.info("\(endpoint.method.rawValue) \(endpoint.path.last ?? ""): not sent, the minute's \(limit) \(bucket.requests) are spent")
                throw .rateBudgetSpent(bucket, perMinute: limit, retryAfterSeconds: rateBudget.secondsUntil(1, fitIn: bucket))
            }
            let request = makeRequest(endpoint, token: token)
            let response: HTTPResponse
            let sentAt = ContinuousClock.now
            do {
                response = try await transport.send(request, limits: TransferLimits(timeout: timeout, maximumBodyBytes: maximumResponseBytes))
            } catch .cancelled {
                throw .cancelled
            } catch {
                if error.isTransient, endpoint.idempotent,
                   try await waitForRetry(retry.backoff(retry: retries), reason: "\(error)") { continue }
                logger.warning("\(endpoint.method.rawValue) \(endpoint.encodedPathAndQuery) failed: \(error)")
                throw .transport(error)
            }
            logger.debug("\(endpoint.method.rawValue) \(endpoint.encodedPathAndQuery) -> \(response.status) (\(response.body.count) bytes, \((ContinuousClock.now - sentAt).milliseconds) ms)")

            if response.isSuccess { return response }
            let detail = Self.errorDetail(response)
            switch response.status {
            case 401, 407:
                // 407 is how OpsRamp reports an expired token; 401 an invalid one. Fetch a new one once.
                await tokens.invalidate(token)
                if !refreshedToken {
                    refreshedToken = true
                    logger.info("OpsRamp refused the access token (HTTP \(response.status)); fetching a new one")
                    continue
                }
                throw .unauthorized(status: response.status, detail: detail)
            case 403:
                throw .unauthorized(status: 403, detail: detail)
            case 429:
                // Waiting less than OpsRamp asks only earns another 429, so a long wait ends the call instead.
                let wait = retry.rateLimitWait(response) ?? retry.backoff(retry: retries + 1)
                if wait <= retry.maxRateLimitWait, try await waitForRetry(wait, reason: "rate-limited (HTTP 429)") { continue }
                throw .rateLimited(retryAfterSeconds: Int(wait.rounded(.up)))
            case 400:
                // OpsRamp answers 400 under load now and then; a read is worth one more try.
                if endpoint.method == .get, !retriedBadRequest {
                    retriedBadRequest = true
                    if try await waitForRetry(retry.backoff(retry: retries), reason: "HTTP 400") { continue }
                }
                throw .badRequest(detail: detail)
            case 300..<400:
                throw .redirected(status: response.status, location: response.header("location"))
            case 404:
                throw .notFound(detail: detail)
            case 413, 414:
                throw .requestTooLarge("OpsRamp answered HTTP \(response.status)\(detail.isEmpty ? "" : ": \(detail)")")
            case 410:
                throw .tenantUnavailable(detail: detail)
            case 500 where Self.namesMissingObject(detail):
                // OpsRamp reports some missing objects as 500 "No resource found ...": not transient.
                throw .notFound(detail: detail)
            case 500, 502, 503, 504:
                if endpoint.idempotent, try await waitForRetry(retry.backoff(retry: retries), reason: "HTTP \(response.status)") { continue }
                throw .server(status: response.status, detail: detail)
            default:
                throw .server(status: response.status, detail: detail)
            }
        }
    }

    /// A token from the cache, but waiting at most `seconds` for it: the token request is shared
    /// with other calls, so this call stops waiting rather than the request stopping.
    private func token(within seconds: Double) async throws(TokenError) -> AccessToken {
        let tokens = self.tokens
        // The usual case: no race, and so no timer left behind. (A cancelled `Task.sleep` keeps its
        // timer, and what it holds, until the original deadline; one per call added up.)
        if let cached = await tokens.cachedToken() { return cached }
        let first = await withTaskGroup(of: Result<AccessToken, TokenError>?.self) { group in
            group.addTask {
                do throws(TokenError) { return .success(try await tokens.token()) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(min(seconds, 3_600) * 1000)))
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
    public func json(_ endpoint: Endpoint, keeping filter: JSONListFilter? = nil) async throws(OpsRampError) -> JSONValue? {
        let response = try await send(endpoint)
        guard response.body.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else { return nil }
        do {
            return try JSONParser.parse(response.body, keeping: filter)
        } catch {
            let kind = response.header("content-type").map { " (\($0))" } ?? ""
            throw .invalidResponse("the body of \(endpoint.encodedPathAndQuery) is not valid JSON\(kind): \(error); it begins \"\(response.bodyExcerpt(limit: 80))\"")
        }
    }

    func makeRequest(_ endpoint: Endpoint, token: AccessToken) -> URLRequest {
        template.request(endpoint, bearer: token.value.exposedValue)
    }

    /// OpsRamp's error text from any of its body shapes: OAuth-style `{error, error_description}`,
    /// `{code, message}`, a list of `{fieldName, message}`, plain text or HTML.
    static func errorDetail(_ response: HTTPResponse) -> String {
        if let body = try? JSONParser.parse(response.body) {
            if let items = body.arrayValue {
                let messages = items.compactMap { item -> String? in
                    guard let message = item["message"]?.stringValue else { return nil }
                    return item["fieldName"]?.stringValue.map { "\($0): \(message)" } ?? message
                }
                if !messages.isEmpty { return Excerpt.of(messages.joined(separator: "; "), limit: 300) }
            }
            for key in ["error_description", "message", "error", "errorMessage"] {
                if let text = body[key]?.stringValue, !text.isEmpty { return Excerpt.of(text, limit: 300) }
            }
        }
        return response.bodyExcerpt(limit: 300)
    }

    /// OpsRamp's wording for an object that does not exist (as HPE's own SDK reads it).
    public static func namesMissingObject(_ detail: String) -> Bool {
        let text = detail.lowercased()
        return ["no resource found", "resource not found", "not found with id"].contains { text.contains($0) }
    }

    private static func format(_ seconds: Double) -> String {
        String(format: "%.1f", seconds)
    }
}
