import OpsRampAuth
import OpsRampConfiguration
import OpsRampHTTP
import OpsRampSecrets
import OpsRampSupport

/// A failed OpsRamp API call, with a message that says what to do about it.
public enum OpsRampError: UserFacingError, Equatable {
    /// Settings the API tools need are missing or invalid.
    case notConfigured([String])
    /// No access token could be obtained.
    case authentication(TokenError)
    /// OpsRamp refused the token (401/407) even after a fresh one, or refused access (403).
    case unauthorized(status: Int, detail: String)
    /// HTTP 429 and retrying did not help within the call's time budget.
    case rateLimited(retryAfterSeconds: Int?)
    /// Not sent: this server has already made the minute's allowance of such requests (reference §4).
    case rateBudgetSpent(RateBucket, perMinute: Int, retryAfterSeconds: Int)
    case notFound(detail: String)
    /// HTTP 400: OpsRamp did not accept the request (a bad queryString or OpsQL query, usually).
    case badRequest(detail: String)
    /// HTTP 410: the tenant is deactivated or unavailable.
    case tenantUnavailable(detail: String)
    /// HTTP 5xx after retries, or another unexpected status.
    case server(status: Int, detail: String)
    /// A 3xx answer: the base URL redirects (redirects are never followed, so the token stays put).
    case redirected(status: Int, location: String?)
    /// A status this client never asks for, such as 304 "not modified" (it sends no conditional requests).
    case unexpectedStatus(status: Int, detail: String)
    /// The request itself is too long for OpsRamp (URL or body), before or after sending it.
    case requestTooLarge(String)
    /// No complete answer: timeout, refused, reset (after retries where allowed).
    case transport(TransportError)
    /// A 2xx answer that is not what the endpoint returns (HTML, truncated JSON, wrong shape).
    case invalidResponse(String)
    /// A 2xx answer that is OpsRamp's error object (`{"code":"0002","message":"…"}`) rather than results.
    case errorAnswer(endpoint: String, code: String?, message: String)
    case cancelled

    public var userMessage: String {
        switch self {
        case .notConfigured(let problems):
            return "The OpsRamp connection is not configured: " + problems.joined(separator: "; ")
                + ". Set these variables in the MCP host's configuration (env) or in a .env file, then restart the server."
        case .authentication(let error):
            return error.userMessage
        case .unauthorized(let status, let detail):
            if status == 403 {
                return "OpsRamp denied access (HTTP 403\(Self.suffix(detail))). The integration's role may lack permission "
                    + "for this data, or \(ConfigurationVariable.tenantID.name) names a tenant it cannot see."
            }
            return "OpsRamp did not accept the access token (HTTP \(status)\(Self.suffix(detail))) even after a fresh one was "
                + "fetched. Check that the integration is active and \(ConfigurationVariable.tenantID.name) is the tenant it belongs to."
        case .rateLimited(let retryAfter):
            let when = retryAfter.map { "in about \($0) s" } ?? "in a minute"
            return "OpsRamp is rate-limiting this tenant (HTTP 429 throttled). Try again \(when); "
                + "fetch fewer pages (a smaller limit) or space out calls."
        case .rateBudgetSpent(let bucket, let perMinute, let seconds):
            return "Not sent, to stay within the rate budget: this server has made the \(perMinute) \(bucket.requests) a minute "
                + "that OpsRamp allows a client, and OpsRamp would refuse more with HTTP 429. Try again in about \(seconds) s; "
                + "a shorter window or a smaller limit needs fewer requests."
        case .notFound(let detail) where OpsRampClient.namesMissingObject(detail):
            return "OpsRamp has no such object\(Self.suffix(detail)). Check the id: it may have been deleted, "
                + "or this integration cannot see it."
        case .notFound(let detail):
            return "OpsRamp answered not found\(Self.suffix(detail)). Check \(ConfigurationVariable.baseURL.name) (the API host, e.g. "
                + "https://acme.api.opsramp.com) and \(ConfigurationVariable.tenantID.name)."
        case .badRequest(let detail):
            return "OpsRamp rejected the request (HTTP 400\(Self.suffix(detail))). Check the filter values."
        case .tenantUnavailable(let detail):
            return
                "OpsRamp says the tenant is unavailable or deactivated (HTTP 410\(Self.suffix(detail))). "
                + "Check \(ConfigurationVariable.tenantID.name)."
        case .redirected(let status, let location):
            let target = location.map { " to \(Excerpt.of($0))" } ?? " without a Location"
            return "OpsRamp answered HTTP \(status), a redirect\(target): \(ConfigurationVariable.baseURL.name) most likely points at the portal "
                + "or a login page instead of the API host (e.g. https://acme.api.opsramp.com). Redirects are not followed."
        case .unexpectedStatus(let status, let detail):
            let name = status == 304 ? " (not modified)" : ""
            return "OpsRamp answered HTTP \(status)\(name)\(Self.suffix(detail)), a status this server never asks for, so "
                + "nothing was read. Something between this machine and OpsRamp (a proxy or cache) may be answering instead; "
                + "check \(ConfigurationVariable.baseURL.name) and the proxy settings."
        case .requestTooLarge(let detail):
            return "The request is too large for OpsRamp (\(detail)). Use fewer or shorter filter values "
                + "(query_string, resource_ids, filterCriteria); this is a problem with the arguments, not a temporary one."
        case .server(let status, let detail):
            return "OpsRamp answered HTTP \(status)\(Self.suffix(detail)). This is usually temporary; try again in a moment."
        case .transport(let error):
            switch error {
            case .timedOut:
                return
                    "OpsRamp did not answer in time (\(error)). Try again, narrow the query, or raise \(ConfigurationVariable.requestTimeout.name)."
            case .responseTooLarge(let limit):
                return "OpsRamp's answer was larger than \(limit) bytes and was not read. Narrow the query (filters, a smaller limit, "
                    + "fewer fields) or raise \(ConfigurationVariable.maxResponseBytes.name)."
            case .compressedResponse:
                return "OpsRamp's answer could not be read: \(error). A proxy between this machine and OpsRamp may be compressing answers."
            case .cannotConnect:
                return "Cannot reach OpsRamp: \(error). Check \(ConfigurationVariable.baseURL.name) and the network."
            case .certificateRejected(let detail):
                return "OpsRamp's TLS certificate was not accepted (\(detail)). " + NetworkAdvice.certificate
            case .proxyFailed(let detail):
                return "The proxy on the way to OpsRamp failed (\(detail)). " + NetworkAdvice.proxy
            default:
                return "The request to OpsRamp failed: \(error). Try again."
            }
        case .invalidResponse(let detail):
            return
                "OpsRamp's answer could not be read: \(detail). If this persists, check \(ConfigurationVariable.baseURL.name) points at the API host."
        case .errorAnswer(let endpoint, let code, let message):
            return "OpsRamp answered the \(endpoint) request with an error instead of results"
                + (code.map { " (code \($0))" } ?? "") + ": \(message). Nothing was read, so this is not \"no matches\". "
                + "Check the filters and try again; if it persists, check \(ConfigurationVariable.tenantID.name) and the integration's permissions."
        case .cancelled:
            return "The request was cancelled."
        }
    }

    private static func suffix(_ detail: String) -> String {
        detail.isEmpty ? "" : ": \(detail)"
    }
}
