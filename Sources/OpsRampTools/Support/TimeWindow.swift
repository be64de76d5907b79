import Foundation
import MCP
import OpsRampAPI

/// A `since`/`until` pair read from tool arguments, added to an alert queryString as
/// `startDate`/`endDate` with the `alertTimeBase` they apply to.
struct TimeWindow: Sendable {
    let since: Date?
    let until: Date?

    /// Reads `since` and `until` (either may be absent); a bad value is a tool failure naming it.
    init(since: String?, until: String?, now: Date) throws {
        func read(_ name: String, _ text: String?) throws -> Date? {
            guard let text else { return nil }
            guard let date = TimeExpression.parse(text, now: now) else {
                throw ToolFailure("Invalid \(name) \"\(text)\": \(TimeExpression.help).")
            }
            return date
        }
        self.since = try read("since", since)
        self.until = try read("until", until)
        if let since = self.since, let until = self.until, since >= until {
            throw ToolFailure("since (\(OpsRampDate.iso(since))) must be earlier than until (\(OpsRampDate.iso(until))).")
        }
    }

    var isEmpty: Bool { since == nil && until == nil }

    func add(to query: inout QueryString, timeBase: String) throws {
        guard !isEmpty else { return }
        if let since { try query.add("startDate", OpsRampDate.queryValue(since)) }
        if let until { try query.add("endDate", OpsRampDate.queryValue(until)) }
        try query.add("alertTimeBase", timeBase)
    }

    /// For the answer: the window in ISO 8601.
    var summary: [String: String] {
        var result: [String: String] = [:]
        if let since { result["since"] = OpsRampDate.iso(since) }
        if let until { result["until"] = OpsRampDate.iso(until) }
        return result
    }
}
