import OpsRampJSON

/// OpsRamp's error answers (reference §3): OAuth-style `{"error","error_description"}` for the token
/// endpoint and token problems, `{"code","message"}` objects and validation arrays for the API.
enum APIErrors {
    /// Unknown path (404 body is undocumented, §3; this shape follows the `{"code","message"}` objects).
    static let notFound = HTTPResponse.json(404, ["code": "0404", "message": "Not found"])

    static func methodNotAllowed(_ method: String, allowed: String) -> HTTPResponse {
        var response = HTTPResponse.json(405, ["code": "0405", "message": .string("Request method '\(method)' not supported")])
        response.setHeader("Allow", allowed)
        return response
    }

    /// A tenant id in the path that is not the fake's tenant.
    static func noTenant(_ tenantID: String) -> HTTPResponse {
        .json(404, ["code": "0003", "message": .string("No tenant found: \(tenantID)")])
    }

    /// Missing, unknown or expired bearer token: 407 on OpsRamp (§3), or 401 when configured.
    static func invalidToken(status: Int, token: String) -> HTTPResponse {
        let description = "Invalid access token: \(token.prefix(8))..."
        var response = oauth(status, error: "invalid_token", description: description)
        response.setHeader("WWW-Authenticate", "Bearer realm=\"oauth\", error=\"invalid_token\", error_description=\"\(description)\"")
        return response
    }

    static func oauth(_ status: Int, error: String, description: String) -> HTTPResponse {
        .json(status, ["error": .string(error), "error_description": .string(description)])
    }

    /// 400 with a validation array, `[{"code":"0002","fieldName":…,"message":…}]` (§3).
    static func validation(field: String, message: String) -> HTTPResponse {
        .json(400, [["code": "0002", "fieldName": .string(field), "message": .string(message)]])
    }

    /// 400 with a single `{"code":"0002","message":…}` object, as used for OpsQL problems.
    static func badRequest(_ message: String) -> HTTPResponse {
        .json(400, ["code": "0002", "message": .string(message)])
    }
}
