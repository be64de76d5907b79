import OpsRampJSON

/// `GET /tenancy/api/v3/release-version`.
extension OpsRampClient {
    /// OpsRamp's answer as it is: its shape is undocumented, so it is passed through.
    /// A body that is not JSON is returned as text.
    public func releaseVersion() async throws(OpsRampError) -> JSONValue {
        let endpoint = Endpoint(.get, path: ["tenancy", "api", "v3", "release-version"])
        let response = try await send(endpoint)
        if let value = try? JSONParser.parse(response.body) { return value }
        let text = response.bodyExcerpt(limit: 2_000)
        guard !text.isEmpty else { throw .invalidResponse("the release-version endpoint answered with an empty body") }
        return .string(text)
    }

    /// The HTTP status when `error` means the release-version endpoint is not served on this pod
    /// (404, 403, 405 or 501), `nil` otherwise. The endpoint is undocumented (reference §8): such an
    /// answer says nothing about the base URL, the tenant or the credentials, which a token and the
    /// alert search prove.
    public static func releaseVersionUnavailableStatus(_ error: OpsRampError) -> Int? {
        switch error {
        case .notFound: 404
        case .unauthorized(403, _): 403
        case .server(let status, _) where status == 405 || status == 501: status
        default: nil
        }
    }
}
