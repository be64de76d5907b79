import OpsRampJSON
import OpsRampSecrets

/// One page of a v2 `.../search` answer, of `resources/minimal`, or of an OpsQL answer.
///
/// OpsRamp's envelope is `{results, totalResults, pageNo, pageSize, totalPages, nextPage, nextPageNo, ...}`;
/// OpsQL answers omit `totalResults`, and an OpsQL count may be `{"count": N}`. A bare array or an
/// empty body are read as a single, last page.
///
/// A 2xx answer that is none of these is not "no results": an object without any of `results`,
/// `totalResults`, `nextPage` and `pageNo` (such as `{"code":"0002","message":"…"}`), or a list of
/// such error objects, is reported as OpsRamp's error.
public struct SearchPage: Sendable, Equatable {
    public let results: [JSONValue]
    /// Total matches across all pages, when OpsRamp reported it.
    public let totalResults: Int?
    public let nextPage: Bool
    /// The page OpsRamp says comes next, when it says so (and it is a real page number).
    let nextPageNo: Int?
    /// The page number OpsRamp says this is, when it says so.
    public let pageNo: Int?
    /// The page size OpsRamp used, when it says so.
    public let pageSize: Int?
    /// The count of an OpsQL count answer (`{"count": N}`, or `{"results": [{"count": N}]}`).
    public let count: Int?

    init(
        results: [JSONValue], totalResults: Int?, nextPage: Bool, nextPageNo: Int? = nil,
        pageNo: Int? = nil, pageSize: Int? = nil, count: Int? = nil
    ) {
        self.results = results
        self.totalResults = totalResults
        self.nextPage = nextPage
        self.nextPageNo = nextPageNo
        self.pageNo = pageNo
        self.pageSize = pageSize
        self.count = count
    }

    /// This page with `transform` applied to each result.
    func mapResults(_ transform: (JSONValue) -> JSONValue) -> SearchPage {
        SearchPage(
            results: results.map(transform), totalResults: totalResults, nextPage: nextPage, nextPageNo: nextPageNo,
            pageNo: pageNo, pageSize: pageSize, count: count)
    }

    /// The members of a list's items that `read` looks at (to tell a list of error objects from results):
    /// a caller that builds only some members of each item must build these too.
    static let itemKeysForErrors: Set<String> = ["id", "uniqueId", "message", "code", "fieldName"]

    /// The members that make an object a result page.
    static let envelopeKeys = ["results", "totalResults", "nextPage", "pageNo"]

    /// Reads an envelope, a bare array, or nothing (`nil` body); `acceptsCount` allows `{"count": N}`.
    static func read(_ body: JSONValue?, endpoint: String, acceptsCount: Bool = false) throws(OpsRampError) -> SearchPage {
        switch body {
        case nil:
            return SearchPage(results: [], totalResults: 0, nextPage: false)
        case .array(let items)?:
            if let error = errorList(items) { throw .errorAnswer(endpoint: endpoint, code: error.code, message: error.message) }
            return SearchPage(results: items, totalResults: items.count, nextPage: false)
        case .object(let envelope)?:
            guard envelopeKeys.contains(where: { envelope[$0] != nil }) else {
                if acceptsCount, let count = integer(envelope["count"]) {
                    return SearchPage(results: [], totalResults: nil, nextPage: false, count: count)
                }
                throw .errorAnswer(endpoint: endpoint, code: text(envelope["code"]), message: message(of: envelope))
            }
            guard let results = envelope["results"]?.arrayValue ?? (envelope["results"] == nil || envelope["results"] == .null ? [] : nil) else {
                throw .invalidResponse("\(endpoint) answered with \"results\" that is not a list")
            }
            // Some endpoints send nextPage as a string; treat "true" the same.
            let next = envelope["nextPage"]?.boolValue ?? (envelope["nextPage"]?.stringValue?.lowercased() == "true")
            let count = results.count == 1 && acceptsCount ? integer(results[0]["count"]) : nil
            return SearchPage(
                results: results, totalResults: integer(envelope["totalResults"]), nextPage: next,
                nextPageNo: integer(envelope["nextPageNo"]).flatMap { $0 > 0 ? $0 : nil },
                pageNo: integer(envelope["pageNo"]), pageSize: integer(envelope["pageSize"]).flatMap { $0 > 0 ? $0 : nil }, count: count)
        case let other?:
            throw .invalidResponse("\(endpoint) answered with \(other.typeName) where a result list was expected")
        }
    }

    /// A list whose every item is an error object (`{"code", "message"}` or `{"fieldName", "message"}`,
    /// and no `id`) is OpsRamp's validation answer, not a list of results.
    private static func errorList(_ items: [JSONValue]) -> (code: String?, message: String)? {
        guard !items.isEmpty, items.count <= 50 else { return nil }
        var messages: [String] = []
        for item in items {
            guard case .object(let fields) = item, fields["id"] == nil, fields["uniqueId"] == nil,
                let message = fields["message"]?.stringValue, fields["code"] != nil || fields["fieldName"] != nil
            else { return nil }
            messages.append(fields["fieldName"]?.stringValue.map { "\($0): \(message)" } ?? message)
        }
        return (text(items[0]["code"]), bounded(messages.joined(separator: "; ")))
    }

    /// OpsRamp's message from an error object, or what the object holds when it has none.
    private static func message(of object: [String: JSONValue]) -> String {
        for key in ["message", "error_description", "errorMessage", "error", "description"] {
            if let text = object[key]?.stringValue, !text.isEmpty { return bounded(text) }
        }
        let keys = object.keys.sorted()
        return keys.isEmpty
            ? "an empty object, with none of results, totalResults, nextPage or pageNo"
            : bounded("an object with none of results, totalResults, nextPage or pageNo (its fields: \(keys.joined(separator: ", ")))")
    }

    /// Redacted before it is cut, so no cut leaves the start of a secret behind.
    private static func bounded(_ text: String) -> String {
        Excerpt.of(text, limit: 300)
    }

    /// A number, or a string holding one (OpsRamp's types vary between endpoints).
    static func integer(_ value: JSONValue?) -> Int? {
        value?.intValue ?? value?.stringValue.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text.isEmpty ? nil : String(text.prefix(40))
        case .number(let number)?: number.literal
        default: nil
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
    let pagesFetched: Int
    /// The page size used (for continuation hints).
    public let pageSize: Int
    /// Set when OpsRamp answered a count (`{"count": N}`) instead of rows.
    public let count: Int?
    /// Why pages that OpsRamp has were not fetched (time budget, rate budget, page cap, a failed
    /// page); `nil` when the answer is complete up to the caller's limit.
    public let incomplete: String?
}
