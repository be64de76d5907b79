import OpsRampJSON

/// `POST /tenancy/auth/oauth/token` and `POST /auth/oauth/token`: the OAuth2 client-credentials
/// grant with a form-encoded body (reference §2).
enum TokenEndpoint {
    /// The error answer for a request that does not earn a token, or `nil` when it does.
    /// Checked in Spring Security's order: body encoding, client credentials, then grant type.
    static func rejection(for request: HTTPRequest, clientID: String, clientSecret: String) -> HTTPResponse? {
        let contentType = (request.headers["content-type"] ?? "").lowercased()
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            return APIErrors.oauth(
                400, error: "invalid_request",
                description: "Content-Type must be application/x-www-form-urlencoded")
        }
        let form = FormCoding.decodeForm(String(decoding: request.body, as: UTF8.self))
        guard form["client_id"] == clientID, form["client_secret"] == clientSecret else {
            return APIErrors.oauth(401, error: "unauthorized", description: "Bad API credentials")
        }
        guard let grant = form["grant_type"], !grant.isEmpty else {
            return APIErrors.oauth(400, error: "invalid_request", description: "Missing grant type")
        }
        guard grant == "client_credentials" else {
            return APIErrors.oauth(400, error: "unsupported_grant_type", description: "Unsupported grant type: \(grant)")
        }
        return nil
    }

    /// `{"access_token":…,"token_type":"bearer","expires_in":7199,"scope":"global:manage"}`.
    static func success(token: String, lifetime: Int, asString: Bool) -> HTTPResponse {
        var response = HTTPResponse.json(
            200,
            [
                "access_token": .string(token),
                "token_type": "bearer",
                "expires_in": asString ? .string(String(lifetime)) : .int(lifetime),
                "scope": "global:manage",
            ])
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("Pragma", "no-cache")
        return response
    }
}
