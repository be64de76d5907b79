import JSON

/// `GET /api/v2/tenants/{tenantId}/alerts/search`.
extension OpsRampClient {
    /// OpsRamp does not document a maximum page size; 500 is what its own tools use.
    public static let maximumAlertPageSize = 500

    /// The queryString keys OpsRamp's alert search accepts.
    public static let alertQueryKeys: Set<String> = [
        "states", "startDate", "endDate", "priority", "uniqueId", "deviceStatus", "resourceType", "resourceIds",
        "actions", "alertTypes", "metrics", "duration", "alertTimeBase", "clientIds", "ticketId", "apps",
        "createdBy", "acknowledgedBy", "suppressedBy", "ticketedBy", "closedBy",
        "startAcknowledgedTime", "endAcknowledgedTime", "startSuppressedTime", "endSuppressedTime",
        "startTicketedTime", "endTicketedTime", "startClosedTime", "endClosedTime",
    ]

    public func alertsPage(query: QueryString, pageNo: Int, pageSize: Int) async throws(OpsRampError) -> SearchPage {
        var parameters: [(String, String)] = [
            ("pageNo", String(pageNo)),
            ("pageSize", String(pageSize)),
            ("isDescendingOrder", "true"),
        ]
        if !query.isEmpty { parameters.append(("queryString", query.description)) }
        let endpoint = Endpoint(.get, path: ["api", "v2", "tenants", connection.tenantID, "alerts", "search"], query: parameters)
        guard let body = try await json(endpoint) else {
            throw .invalidResponse("the alert search answered with an empty body instead of a result page")
        }
        return try SearchPage.read(body, endpoint: "alert search")
    }

    /// Fetches `limit` alerts starting at `offset` (0-based), in pages of at most
    /// `maximumAlertPageSize`, and reports progress after each page.
    /// `transform` is applied to each alert as its page arrives, so that a caller that keeps only a
    /// few fields never holds more than one page of full alert objects.
    public func searchAlerts(query: QueryString, offset: Int, limit: Int,
                             transform: @Sendable (JSONValue) -> JSONValue = { $0 },
                             progress: @Sendable (_ fetched: Int, _ wanted: Int) -> Void = { _, _ in }) async throws(OpsRampError) -> CollectedResults {
        let pageSize = min(limit, Self.maximumAlertPageSize)
        return try await collectPages(offset: offset, limit: limit, pageSize: pageSize, transform: transform, progress: progress) { pageNo async throws(OpsRampError) in
            try await self.alertsPage(query: query, pageNo: pageNo, pageSize: pageSize)
        }
    }

    /// Pages through any paged endpoint: pages are numbered from 1 and hold `pageSize` items,
    /// so items `offset ..< offset+limit` live on pages `offset/pageSize + 1` onwards.
    func collectPages(offset: Int, limit: Int, pageSize: Int, transform: (JSONValue) -> JSONValue = { $0 },
                      progress: @Sendable (Int, Int) -> Void,
                      fetch: (Int) async throws(OpsRampError) -> SearchPage) async throws(OpsRampError) -> CollectedResults {
        var pageNo = offset / pageSize + 1
        var skip = offset % pageSize
        var items: [JSONValue] = []
        var total: Int?
        var more = false
        var pages = 0
        while items.count < limit {
            let page = try await fetch(pageNo)
            pages += 1
            total = page.totalResults ?? total
            let usable = page.results.dropFirst(skip)
            skip = 0
            let room = limit - items.count
            items.append(contentsOf: usable.prefix(room).map(transform))
            more = usable.count > room || page.nextPage
            progress(items.count, limit)
            if !page.nextPage || page.results.isEmpty { break }
            pageNo += 1
        }
        if let total { more = offset + items.count < total }
        return CollectedResults(items: items, totalResults: total, moreAvailable: more, pagesFetched: pages)
    }

    /// How many alerts match, from `totalResults` of a one-item page (one cheap request).
    public func countAlerts(query: QueryString) async throws(OpsRampError) -> Int {
        let page = try await alertsPage(query: query, pageNo: 1, pageSize: 1)
        guard let total = page.totalResults else {
            throw .invalidResponse("alert search did not report totalResults")
        }
        return total
    }
}
