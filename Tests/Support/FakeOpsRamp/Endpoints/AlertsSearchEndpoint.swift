import OpsRampJSON

/// `GET /api/v2/tenants/{tenantId}/alerts/search` (reference §6): filter by `queryString` and
/// `statusHistory`, sort, and page into the §5 envelope.
enum AlertsSearchEndpoint {
    static func answer(query: [String: String], alerts: [JSONValue], variants: FakeVariants = FakeVariants()) -> HTTPResponse {
        do throws(Rejection) {
            let page = try SearchPaging.pageRequest(from: query)
            let descending = try SearchPaging.flag(query["isDescendingOrder"], name: "isDescendingOrder", default: true)
            let queryKeys =
                variants.rejectStatusHistoryKeysInQueryString
                ? AlertSearchFilter.queryStringKeys : AlertSearchFilter.queryStringKeys.union(AlertSearchFilter.statusHistoryKeys)
            let terms = try QueryStringTerms(query["queryString"], knownKeys: queryKeys)
            let history = try QueryStringTerms(
                query["statusHistory"], knownKeys: AlertSearchFilter.statusHistoryKeys,
                field: "statusHistory")
            if variants.rejectUnpairedDates, (terms["startDate"] == nil) != (terms["endDate"] == nil) {
                throw Rejection(
                    response: APIErrors.validation(
                        field: "queryString", message: "startDate and endDate must be given together"))
            }
            let filter = try AlertSearchFilter(terms: terms, statusHistory: history)
            let sortName = query["sortName"].flatMap { $0.isEmpty ? nil : $0 }
            let ordered = order(alerts.filter(filter.matches), by: sortName, descending: descending)
            return .json(200, SearchPaging.envelope(all: ordered, page: page, orderBy: sortName ?? "ts", descending: descending))
        } catch {
            return error.response
        }
    }

    /// Without `sortName` the data's own order (newest first) is kept, reversed for ascending order.
    /// `ts` sorts by `updatedTime` and `id` by `uniqueId`; any other name sorts by that alert field.
    private static func order(_ alerts: [JSONValue], by sortName: String?, descending: Bool) -> [JSONValue] {
        guard let sortName else { return descending ? alerts : alerts.reversed() }
        let field =
            switch sortName {
            case "ts": "updatedTime"
            case "id": "uniqueId"
            default: sortName
            }
        return stableSorted(alerts, descending: descending) { $0.value(atPath: field) }
    }
}
