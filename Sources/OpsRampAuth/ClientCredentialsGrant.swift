import Foundation
import OpsRampConfiguration
import OpsRampHTTP
import OpsRampJSON
import OpsRampLogging
import OpsRampSecrets

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Requests an access token with the OAuth 2.0 client-credentials grant, as OpsRamp expects:
/// a form-encoded POST of `grant_type`, `client_id` and `client_secret`.
public struct ClientCredentialsGrant: Sendable {
    let tokenURL: URL
    let clientID: String
    let clientSecret: Secret
    let transport: HTTPTransport
    let limits: TransferLimits
    let logger: Logger

    public init(tokenURL: URL, clientID: String, clientSecret: Secret, transport: HTTPTransport, limits: TransferLimits, logger: Logger) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.transport = transport
        self.limits = limits
        self.logger = logger
    }

    public func fetch() async throws(TokenError) -> TokenGrant {
        var request = URLRequest(url: tokenURL)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = Data(
            PercentEncoding.form([
                ("grant_type", "client_credentials"),
                ("client_id", clientID),
                ("client_secret", clientSecret.exposedValue),
            ]).utf8)

        logger.debug("requesting an access token from \(tokenURL.absoluteString)")
        let response: HTTPResponse
        do {
            response = try await transport.send(request, limits: limits)
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .network(host: tokenURL.host ?? "?", error)
        }
        return try Self.parse(response, path: tokenURL.path)
    }

    static func parse(_ response: HTTPResponse, path: String) throws(TokenError) -> TokenGrant {
        let body = try? JSONParser.parse(response.body)
        let detail = OpsRampErrorBody.detail(parsed: body) ?? response.bodyExcerpt(limit: 200)
        switch response.status {
        case 200..<300:
            break
        case 400, 401, 403:
            throw .rejected(status: response.status, detail: detail)
        case 304:
            // "Not modified" answers a conditional request, and the grant never makes one.
            throw .unexpectedResponse("the token endpoint \(path) answered HTTP 304 (not modified), a status this server never asks for")
        case 300..<400:
            let target = response.header("location").map { " to \(Excerpt.of($0))" } ?? " without a Location"
            throw .unexpectedResponse(
                "the token endpoint \(path) answered HTTP \(response.status), a redirect\(target); "
                    + "the base URL most likely points at the portal or a login page (redirects are not followed)")
        case 404, 405:
            throw .unexpectedResponse("the token endpoint \(path) answered HTTP \(response.status)")
        case 429, 500...:
            throw .unavailable(status: response.status, detail: detail)
        default:
            throw .unexpectedResponse("the token endpoint answered HTTP \(response.status)\(detail.isEmpty ? "" : ": \(detail)")")
        }
        guard let body, case .object(let fields) = body else {
            throw .unexpectedResponse("the token endpoint \(path) did not answer with JSON (is \(ConfigurationVariable.baseURL.name) the API host?)")
        }
        guard let token = fields["access_token"]?.stringValue, !token.isEmpty else {
            throw .unexpectedResponse("the token endpoint's answer has no access_token")
        }
        let secret = Secret(token)
        // `expires_in` is a number in practice and a string in OpsRamp's own spec; accept both.
        let lifetime: Double
        switch fields["expires_in"] {
        case .number(let number)?: lifetime = number.doubleValue ?? 0
        case .string(let text)?: lifetime = Double(text.trimmingCharacters(in: .whitespaces)) ?? 0
        default: lifetime = 0
        }
        guard lifetime.isFinite, lifetime > 0 else {
            throw .unexpectedResponse("the token endpoint's answer has no usable expires_in")
        }
        // OpsRamp tokens live two hours; never trust a token for more than a day, whatever the answer says.
        return TokenGrant(accessToken: secret, expiresIn: .seconds(min(lifetime, 86_400)))
    }
}
