import JSON

/// One page of a v2 `.../search` answer or of an OpsQL answer.
///
/// OpsRamp's envelope is `{results, totalResults, pageNo, pageSize, totalPages, nextPage, nextPageNo, ...}`;
/// OpsQL answers omit `totalResults`. A bare array or an empty body are read as a single, last page.
public struct SearchPage: Sendable {
    public let results: [JSONValue]
    /// Total matches across all pages, when OpsRamp reported it.
    public let totalResults: Int?
    public let nextPage: Bool

    public init(results: [JSONValue], totalResults: Int?, nextPage: Bool) {
        self.results = results
        self.totalResults = totalResults
        self.nextPage = nextPage
    }

    /// Reads an envelope, a bare array, or nothing (`nil` body).
    static func read(_ body: JSONValue?, endpoint: String) throws(OpsRampError) -> SearchPage {
        switch body {
        case nil:
            return SearchPage(results: [], totalResults: 0, nextPage: false)
        case .array(let items)?:
            return SearchPage(results: items, totalResults: items.count, nextPage: false)
        case .object(let envelope)?:
            guard let results = envelope["results"]?.arrayValue ?? (envelope["results"] == nil || envelope["results"] == .null ? [] : nil) else {
                throw .invalidResponse("\(endpoint) answered with \"results\" that is not a list")
            }
            let total = envelope["totalResults"]?.intValue
            // Some endpoints send nextPage as a string; treat "true" the same.
            let next = envelope["nextPage"]?.boolValue ?? (envelope["nextPage"]?.stringValue == "true")
            return SearchPage(results: results, totalResults: total, nextPage: next)
        case let other?:
            throw .invalidResponse("\(endpoint) answered with \(other.typeName) where a result list was expected")
        }
    }
}

/// Results gathered over several pages, cut to what the caller asked for.
public struct CollectedResults: Sendable {
    public let items: [JSONValue]
    /// Total matches as OpsRamp reported them, if it did.
    public let totalResults: Int?
    /// True when OpsRamp has matches beyond `items`.
    public let moreAvailable: Bool
    /// HTTP requests made.
    public let pagesFetched: Int
}
