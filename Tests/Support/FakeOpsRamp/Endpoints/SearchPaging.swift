import OpsRampJSON

/// The page a client asked for.
struct PageRequest: Sendable, Equatable {
    let pageNo: Int
    let pageSize: Int
}

/// The v2 search paging parameters and envelope (reference §5).
enum SearchPaging {
    static let defaultPageSize = 100
    /// Largest accepted v2 `pageSize`; undocumented (§5), 500 is what real clients use.
    static let maxPageSize = 500

    /// Reads `pageNo` (default 1) and `pageSize` (default 100, at most 500) from query parameters.
    static func pageRequest(from query: [String: String]) throws(Rejection) -> PageRequest {
        let pageNo = try integer(query["pageNo"], name: "pageNo", default: 1)
        let pageSize = try integer(query["pageSize"], name: "pageSize", default: defaultPageSize)
        guard pageNo >= 1 else {
            throw Rejection(response: APIErrors.validation(field: "pageNo", message: "pageNo must be at least 1"))
        }
        guard (1...maxPageSize).contains(pageSize) else {
            throw Rejection(
                response: APIErrors.validation(
                    field: "pageSize", message: "pageSize must be between 1 and \(maxPageSize)"))
        }
        return PageRequest(pageNo: pageNo, pageSize: pageSize)
    }

    /// Reads a `true`/`false` parameter such as `isDescendingOrder`.
    static func flag(_ text: String?, name: String, default fallback: Bool) throws(Rejection) -> Bool {
        guard let text, !text.isEmpty else { return fallback }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw Rejection(response: APIErrors.validation(field: name, message: "\(name) must be true or false"))
        }
    }

    /// `{"results","totalResults","orderBy","pageNo","pageSize","totalPages","nextPage","nextPageNo","descendingOrder"}`:
    /// `pageSize` echoes the request, `totalPages` is 0 when empty, `nextPageNo` only when `nextPage` is true.
    static func envelope(all: [JSONValue], page: PageRequest, orderBy: String?, descending: Bool) -> JSONValue {
        let total = all.count
        let totalPages = (total + page.pageSize - 1) / page.pageSize
        let start = (page.pageNo - 1) * page.pageSize
        let results = start < total ? Array(all[start..<min(total, start + page.pageSize)]) : []
        let nextPage = page.pageNo < totalPages
        var object: [String: JSONValue] = [
            "results": .array(results),
            "totalResults": .int(total),
            "pageNo": .int(page.pageNo),
            "pageSize": .int(page.pageSize),
            "totalPages": .int(totalPages),
            "nextPage": .bool(nextPage),
            "descendingOrder": .bool(descending),
        ]
        object.setIfPresent("orderBy", orderBy.map(JSONValue.string))
        object.setIfPresent("nextPageNo", nextPage ? .int(page.pageNo + 1) : nil)
        return .object(object)
    }

    private static func integer(_ text: String?, name: String, default fallback: Int) throws(Rejection) -> Int {
        guard let text, !text.isEmpty else { return fallback }
        guard let value = Int(text) else {
            throw Rejection(response: APIErrors.validation(field: name, message: "\(name) must be an integer"))
        }
        return value
    }
}
