import JSON

/// `POST /opsql/api/v3/tenants/{tenantId}/queries`.
extension OpsRampClient {
    /// Page size for OpsQL when the query sets none; OpsRamp's tools use 500-1000.
    public static let defaultOpsQLPageSize = 500

    /// One page of an OpsQL query; `body` is the full request object.
    public func opsqlPage(_ body: [String: JSONValue]) async throws(OpsRampError) -> SearchPage {
        let endpoint = Endpoint(.post, path: ["opsql", "api", "v3", "tenants", connection.tenantID, "queries"],
                                body: .object(body), idempotent: true)
        guard let response = try await json(endpoint) else {
            throw .invalidResponse("the OpsQL query answered with an empty body instead of a result page")
        }
        return try SearchPage.read(response, endpoint: "OpsQL")
    }

    /// Runs an OpsQL query, re-posting with the next `pageNo` while OpsRamp says `nextPage`,
    /// until `limit` results are in.
    public func runOpsQL(_ body: [String: JSONValue], limit: Int,
                         progress: @Sendable (_ fetched: Int, _ wanted: Int) -> Void = { _, _ in }) async throws(OpsRampError) -> CollectedResults {
        let pageSize = max(1, body["pageSize"]?.intValue ?? min(limit, Self.defaultOpsQLPageSize))
        let firstPage = max(1, body["pageNo"]?.intValue ?? 1)
        let (offset, overflow) = (firstPage - 1).multipliedReportingOverflow(by: pageSize)
        guard !overflow else { throw .badRequest(detail: "pageNo \(firstPage) is beyond any result set") }
        return try await collectPages(offset: offset, limit: limit, pageSize: pageSize, progress: progress) { pageNo async throws(OpsRampError) in
            var pageBody = body
            pageBody["pageNo"] = .int(pageNo)
            pageBody["pageSize"] = .int(pageSize)
            return try await self.opsqlPage(pageBody)
        }
    }
}
