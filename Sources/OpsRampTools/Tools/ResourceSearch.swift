import Foundation
import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSupport

/// What a resource search found, ready to answer with.
struct ResourceSearch: Sendable {
    var rows: [[String: JSONValue]]
    /// OpsRamp's number of matches; when `matchedIsExact` is false, the number seen so far (a lower bound).
    var matched: Int
    var matchedIsExact = true
    /// The position of the first row among all matches (the `offset` argument).
    var offset = 0
    /// True when more matches than these rows exist and continuing at `offset + rows.count` reaches them.
    var moreAvailable: Bool
    var incomplete: String?
    /// The fields that say what was searched (`state`, `queryString` or `type`).
    var described: [String: JSONValue]
    /// How the rows were matched, when not as the arguments asked (a fallback found them).
    var note: String?
    /// What to try next, when nothing matched.
    var hint: String?
    /// How a type in plain words was matched.
    var matchedAs: String?
    /// Resources that match only some of the type's words, and are therefore not listed.
    var partial: String?

    /// A `resources/minimal` listing fetched from the start up to `offset + limit`: the rows from
    /// `offset` on, OpsRamp's count (or a lower bound when it gave none), and whether more can be
    /// reached. A count OpsRamp reported but did not send is said to be so, not blamed on the limit.
    init(minimal collected: CollectedResults, offset: Int, limit: Int, described: [String: JSONValue], note: String? = nil) {
        rows = collected.items.dropFirst(offset).map(ResourceRows.row)
        self.offset = offset
        self.described = described
        self.note = note
        incomplete = collected.incomplete
        let fetched = collected.items.count
        // OpsRamp sent its last page before the limit was reached.
        let ranOut = collected.incomplete == nil && fetched < offset + limit
        if let total = collected.totalResults {
            matched = total
            moreAvailable = collected.moreAvailable && !ranOut
            if ranOut, total > fetched {
                incomplete =
                    fetched == 0
                    ? "OpsRamp reported \(total) matching resources (totalResults) but returned none of them, and no further page. "
                        + "This is not \"no matches\", and no limit or offset reaches them: ask again; if it persists, check the "
                        + "integration's permissions for resources."
                    : "OpsRamp reported \(total) matching resources (totalResults) but sent only \(fetched), and no further page; "
                        + "the other \(total - fetched) cannot be reached by continuing."
            }
        } else {
            matched = fetched
            matchedIsExact = !collected.moreAvailable
            moreAvailable = collected.moreAvailable
        }
    }

    init(
        rows: [[String: JSONValue]], matched: Int, matchedIsExact: Bool = true, offset: Int = 0, moreAvailable: Bool,
        incomplete: String?, described: [String: JSONValue], note: String? = nil
    ) {
        self.rows = rows
        self.matched = matched
        self.matchedIsExact = matchedIsExact
        self.offset = offset
        self.moreAvailable = moreAvailable
        self.incomplete = incomplete
        self.described = described
        self.note = note
    }
}
