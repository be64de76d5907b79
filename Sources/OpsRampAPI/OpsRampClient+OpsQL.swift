import OpsRampJSON

/// `POST /opsql/api/v3/tenants/{tenantId}/queries`.
extension OpsRampClient {
    /// Page size for OpsQL when the query sets none; OpsRamp's tools use 500-1000.
    public static let defaultOpsQLPageSize = 500
    /// Page size for join queries, as HPE's analytics SDK pages them (`opsql.join.api.page.size`).
    static let opsqlJoinPageSize = 100

    /// One page of an OpsQL query; `body` is the full request object. A count may come back as
    /// `{"count": N}` (the v7 form); `count` of the page holds it.
    public func opsqlPage(_ body: [String: JSONValue]) async throws(OpsRampError) -> SearchPage {
        let endpoint = Endpoint(
            .post, path: ["opsql", "api", "v3", "tenants", connection.tenantID, "queries"],
            body: .object(body), idempotent: true, bucket: .query)
        guard let response = try await json(endpoint) else {
            throw .invalidResponse("the OpsQL query answered with an empty body instead of a result page")
        }
        return try SearchPage.read(response, endpoint: "OpsQL", acceptsCount: true)
    }

    /// Runs an OpsQL query, re-posting with the next `pageNo` while OpsRamp says `nextPage`,
    /// until `limit` results are in, starting `skip` rows after the first row of the body's `pageNo`.
    /// Join queries are paged at `opsqlJoinPageSize` at most.
    public func runOpsQL(
        _ body: [String: JSONValue], limit: Int, skip: Int = 0,
        progress: @Sendable (_ fetched: Int, _ wanted: Int) -> Void = { _, _ in }
    ) async throws(OpsRampError) -> CollectedResults {
        let requested = max(1, body["pageSize"]?.intValue ?? min(limit, Self.defaultOpsQLPageSize))
        let pageSize = Self.isJoinQuery(body) ? min(requested, Self.opsqlJoinPageSize) : requested
        let firstPage = max(1, body["pageNo"]?.intValue ?? 1)
        // The rows the caller's pageNo points at, whatever page size is used to fetch them.
        let (start, overflow) = (firstPage - 1).multipliedReportingOverflow(by: requested)
        let (offset, beyond) = start.addingReportingOverflow(max(0, skip))
        guard !overflow, !beyond else { throw .badRequest(detail: "pageNo \(firstPage) is beyond any result set") }
        return try await collectPages(offset: offset, limit: limit, pageSize: pageSize, bucket: .query, progress: progress) {
            pageNo async throws(OpsRampError) in
            var pageBody = body
            pageBody["pageNo"] = .int(pageNo)
            pageBody["pageSize"] = .int(pageSize)
            return try await self.opsqlPage(pageBody)
        }
    }

    /// A query that joins another object: a dotted attribute (`resource.name`, `tags.value`) among its
    /// fields, sort or grouping, or anywhere in its filter outside quoted values.
    static func isJoinQuery(_ body: [String: JSONValue]) -> Bool {
        let named = (body["fields"]?.arrayValue ?? []) + (body["groupBy"]?.arrayValue ?? []) + [body["sortBy"] ?? .null]
        if named.contains(where: { $0.stringValue.map(isDotted) ?? false }) { return true }
        guard let filter = body["filterCriteria"]?.stringValue else { return false }
        var quote: Character?
        var word = ""
        for character in filter + " " {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if character == "\"" || character == "'" {
                quote = character
            } else if character.isLetter || character.isNumber || character == "_" || character == "." {
                word.append(character)
                continue
            }
            if isDotted(word) { return true }
            word = ""
        }
        return false
    }

    /// `a.b` with a letter first: an attribute path, not a number such as `1.5`.
    private static func isDotted(_ word: String) -> Bool {
        guard let first = word.first, first.isLetter else { return false }
        return word.split(separator: ".", omittingEmptySubsequences: false).count > 1 && !word.hasSuffix(".")
    }
}
