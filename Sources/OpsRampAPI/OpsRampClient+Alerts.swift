import OpsRampJSON

/// `GET /api/v2/tenants/{tenantId}/alerts/search`.
extension OpsRampClient {
    /// OpsRamp does not document a maximum page size; 500 is what its own tools use.
    public static let maximumAlertPageSize = 500

    /// The keys OpsRamp's alert search accepts in `queryString`.
    public static let alertQueryKeys: Set<String> = [
        "states", "startDate", "endDate", "priority", "uniqueId", "deviceStatus", "resourceType", "resourceIds",
        "actions", "alertTypes", "metrics", "duration", "alertTimeBase", "clientIds", "ticketId", "apps",
    ]

    /// The keys of the separate `statusHistory` parameter (who acted on an alert, and when). OpsRamp
    /// does not accept them inside `queryString`.
    public static let statusHistoryKeys: Set<String> = [
        "createdBy", "acknowledgedBy", "suppressedBy", "ticketedBy", "closedBy",
        "startAcknowledgedTime", "endAcknowledgedTime", "startSuppressedTime", "endSuppressedTime",
        "startTicketedTime", "endTicketedTime", "startClosedTime", "endClosedTime",
    ]

    /// `fields`: the members of each alert the caller reads (and of its objects, `nestedFields`); the
    /// others are not built (see `JSONListFilter`). `transform`, when given, is applied to each alert of
    /// the page, as it is parsed when `fields` are given (the page of larger alerts is never held).
    public func alertsPage(
        query: QueryString, statusHistory: QueryString = QueryString(), pageNo: Int, pageSize: Int,
        fields: Set<String>? = nil, nestedFields: [String: Set<String>] = [:],
        transform: (@Sendable (JSONValue) -> JSONValue)? = nil
    ) async throws(OpsRampError) -> SearchPage {
        var parameters: [(String, String)] = [
            ("pageNo", String(pageNo)),
            ("pageSize", String(pageSize)),
            ("isDescendingOrder", "true"),
        ]
        if !query.isEmpty { parameters.append(("queryString", query.description)) }
        if !statusHistory.isEmpty { parameters.append(("statusHistory", statusHistory.description)) }
        let endpoint = Endpoint(
            .get, path: ["api", "v2", "tenants", connection.tenantID, "alerts", "search"], query: parameters,
            bucket: .pagedRead)
        let filter = fields.map {
            JSONListFilter(listKey: "results", members: $0.union(SearchPage.itemKeysForErrors), nested: nestedFields, item: transform)
        }
        guard let body = try await json(endpoint, keeping: filter) else {
            throw .invalidResponse("the alert search answered with an empty body instead of a result page")
        }
        let page = try SearchPage.read(body, endpoint: "alert search")
        guard let transform else { return page }
        // The filter transformed the results of an envelope as they were parsed; anything else is transformed now.
        if filter != nil, case .object = body { return page }
        return page.mapResults(transform)
    }

    /// Fetches `limit` alerts starting at `offset` (0-based), in pages of `pageSize` (at most
    /// `maximumAlertPageSize`, the default), and reports progress after each page.
    /// `transform` is applied to each alert as its page arrives, so that a caller that keeps only a
    /// few fields never holds more than one page of full alert objects; `fields` names the members
    /// `transform` reads, so that the others are not even built. `isFull` (given the alerts so far)
    /// ends the fetch early when the caller has all it can use; the result then says more are available.
    public func searchAlerts(
        query: QueryString, statusHistory: QueryString = QueryString(), offset: Int, limit: Int,
        fields: Set<String>? = nil, nestedFields: [String: Set<String>] = [:], pageSize requestedPageSize: Int? = nil,
        isFull: (@Sendable ([JSONValue]) -> Bool)? = nil,
        transform: @escaping @Sendable (JSONValue) -> JSONValue = { $0 },
        progress: @Sendable (_ fetched: Int, _ wanted: Int) -> Void = { _, _ in }
    ) async throws(OpsRampError) -> CollectedResults {
        let pageSize = max(1, min(limit, requestedPageSize ?? Self.maximumAlertPageSize, Self.maximumAlertPageSize))
        // Each alert is transformed as its page is parsed, so a page of full alerts is never held.
        return try await collectPages(
            offset: offset, limit: limit, pageSize: pageSize, bucket: .pagedRead, isFull: isFull,
            progress: progress
        ) { pageNo async throws(OpsRampError) in
            try await self.alertsPage(
                query: query, statusHistory: statusHistory, pageNo: pageNo, pageSize: pageSize, fields: fields,
                nestedFields: nestedFields, transform: transform)
        }
    }

    /// How many alerts match, from `totalResults` of a one-item page (one cheap request).
    public func countAlerts(query: QueryString, statusHistory: QueryString = QueryString()) async throws(OpsRampError) -> Int {
        let page = try await alertsPage(query: query, statusHistory: statusHistory, pageNo: 1, pageSize: 1)
        guard let total = page.totalResults else {
            throw .invalidResponse("alert search did not report totalResults")
        }
        return total
    }
}
