import OpsRampJSON

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

    /// Up to `limit` matching resources. OpsRamp answers this endpoint with a bare list, an empty body
    /// when nothing matches, or (on some tenants) the paged envelope; all three are accepted, and an
    /// envelope's further pages are followed (by `pageNo`, at the page size OpsRamp chose) until
    /// `limit` resources are in. `totalResults` of the result is OpsRamp's match count.
    public func minimalResources(
        query: QueryString, state: ResourceState, limit: Int,
        progress: @Sendable (_ fetched: Int, _ wanted: Int) -> Void = { _, _ in }
    ) async throws(OpsRampError) -> CollectedResults {
        var pageSize: Int?
        return try await collectPages(
            offset: 0, limit: limit, pageSize: max(1, limit), bucket: .pagedRead,
            progress: progress
        ) { pageNo async throws(OpsRampError) in
            var parameters: [(String, String)] = []
            if !query.isEmpty { parameters.append(("queryString", query.description)) }
            parameters.append(("state", state.rawValue))
            // The first request is the documented one (no paging parameters); later ones ask for the next page.
            if pageNo > 1 {
                parameters.append(("pageNo", String(pageNo)))
                if let pageSize { parameters.append(("pageSize", String(pageSize))) }
            }
            let endpoint = Endpoint(
                .get, path: ["api", "v2", "tenants", connection.tenantID, "resources", "minimal"],
                query: parameters, bucket: pageNo > 1 ? .pagedRead : nil)
            let page = try SearchPage.read(try await json(endpoint), endpoint: "resources/minimal")
            if pageNo == 1 { pageSize = page.pageSize ?? (page.nextPage ? page.results.count : nil) }
            return page
        }
    }
}
