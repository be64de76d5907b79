import JSON

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
}
