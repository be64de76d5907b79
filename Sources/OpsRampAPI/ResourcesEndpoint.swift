import JSON

/// `GET /api/v2/tenants/{tenantId}/resources/minimal`.
extension OpsRampClient {
    /// queryString keys of the resource search family.
    public static let resourceQueryKeys: Set<String> = [
        "hostName", "dnsName", "resourceName", "aliasName", "id", "serialNumber", "ipAddress", "systemUID", "state", "type",
        "deviceType", "resourceType", "startCreationDate", "endCreationDate", "startUpdationDate", "endUpdationDate", "tags",
        "template", "agentProfile", "gatewayProfile", "instanceId", "accountNumber", "installedIntgId", "agentInstalled",
        "deviceGroup", "serviceGroup", "deviceLocation", "isEquals", "assetManagedTime", "firstAssetManagedTime", "appRoles",
    ]

    /// `state` parameter values of the endpoint.
    public enum ResourceState: String, Sendable, CaseIterable {
        case active, inactive, discovered, all
    }

    /// Every matching resource. OpsRamp answers this endpoint with a bare list, an empty body
    /// when nothing matches, or (on some tenants) the paged envelope; all three are accepted.
    public func minimalResources(query: QueryString, state: ResourceState) async throws(OpsRampError) -> [JSONValue] {
        var parameters: [(String, String)] = []
        if !query.isEmpty { parameters.append(("queryString", query.description)) }
        parameters.append(("state", state.rawValue))
        let endpoint = Endpoint(.get, path: ["api", "v2", "tenants", connection.tenantID, "resources", "minimal"], query: parameters)
        return try SearchPage.read(try await json(endpoint), endpoint: "resources/minimal").results
    }
}
