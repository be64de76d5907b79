import OpsRampConfiguration
import OpsRampHTTP
import OpsRampSecrets
import OpsRampSupport

/// Why no access token could be obtained. Messages say what to check; they never contain the secret.
public enum TokenError: UserFacingError, Equatable, CustomStringConvertible {
    /// The token endpoint refused the credentials (400/401/403).
    case rejected(status: Int, detail: String)
    /// The token endpoint did not answer within the call's time budget.
    case unreachable(String)
    /// The exchange with the token endpoint at `host` failed on the network: refused, timed out,
    /// a certificate not accepted, a proxy that failed.
    case network(host: String, TransportError)
    /// It answered with a server-side failure (429 or 5xx) that may pass.
    case unavailable(status: Int, detail: String)
    /// It answered, but not with a usable token.
    case unexpectedResponse(String)
    case cancelled

    /// Worth another try later in the same call.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .unavailable: true
        case .network(_, let error): error.isTransient
        case .rejected, .unexpectedResponse, .cancelled: false
        }
    }

    /// The same words as `description`: they already say what to check.
    public var userMessage: String { description }

    public var description: String {
        switch self {
        case .rejected(let status, let detail):
            "OpsRamp rejected the client credentials (HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")). "
                + "Check \(ConfigurationVariable.clientID.name) and \(ConfigurationVariable.clientSecret.name) "
                + "(the Key and Secret of an OAuth2 custom integration), "
                + "and that the integration is active for \(ConfigurationVariable.tenantID.name)."
        case .unreachable(let detail):
            "Could not get an access token: the token endpoint \(detail). Check \(ConfigurationVariable.baseURL.name) and the network."
        case .network(let host, let error):
            switch error {
            case .certificateRejected(let detail):
                "Could not get an access token: the TLS certificate of \(host) was not accepted (\(detail)). " + NetworkAdvice.certificate
            case .proxyFailed(let detail):
                "Could not get an access token: the proxy on the way to \(host) failed (\(detail)). " + NetworkAdvice.proxy
            default:
                "Could not get an access token: the token endpoint at \(host) failed: \(error). "
                    + "Check \(ConfigurationVariable.baseURL.name) and the network."
            }
        case .unavailable(let status, let detail):
            "Could not get an access token: the token endpoint answered HTTP \(status)\(detail.isEmpty ? "" : " (\(detail))"). "
                + "OpsRamp may be busy or down; try again shortly."
        case .unexpectedResponse(let detail):
            "Could not get an access token: \(detail). Check \(ConfigurationVariable.baseURL.name) (it must be the API URL, e.g. "
                + "https://acme.api.opsramp.com) and \(ConfigurationVariable.tokenPath.name)."
        case .cancelled:
            "The token request was cancelled."
        }
    }
}
