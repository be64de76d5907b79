import Foundation
import OpsRampAPI
import OpsRampConfiguration
import OpsRampJSON
import OpsRampMCP

/// A `since`/`until` pair read from tool arguments, sent to OpsRamp as `startDate` and `endDate`
/// (always both: no documented example or client sends one alone) with the `alertTimeBase` they
/// apply to. `until` defaults to now.
struct TimeWindow: Sendable, Equatable {
    /// Start of the window, whole seconds (rounded down).
    let since: Date
    /// End of the window, whole seconds (rounded up, so nothing raised this second is missed).
    let until: Date
    /// The operator's zone, in which zone-less times were read.
    let timeZoneName: String
    /// Set when that zone is a stand-in for one that could not be read (`OperatorTimeZone.windowNote`).
    let timeZoneNote: String?
    let timeBase: AlertTimeBase

    init(since: Date, until: Date, timeZoneName: String, timeZoneNote: String? = nil, timeBase: AlertTimeBase) {
        self.since = Date(timeIntervalSince1970: since.timeIntervalSince1970.rounded(.down))
        self.until = Date(timeIntervalSince1970: until.timeIntervalSince1970.rounded(.up))
        self.timeZoneName = timeZoneName
        self.timeZoneNote = timeZoneNote
        self.timeBase = timeBase
    }

    /// The window the arguments ask for, or `nil` when they give neither `since` nor `until`.
    /// A value that cannot be read, `until` without `since`, or `since` after `until` is a
    /// tool failure that quotes the value and shows the accepted forms.
    static func read(
        since: String?, until: String?, timeBase: AlertTimeBase, now: Date,
        timeZone: OperatorTimeZone
    ) throws -> TimeWindow? {
        guard since != nil || until != nil else { return nil }
        let reader = TimeExpression(timeZone: timeZone.zone, now: now)
        func read(_ name: String, _ text: String) throws -> Date {
            do {
                return try reader.parse(text)
            } catch {
                throw ToolFailure("Invalid \(name): \(error). \(TimeExpression.help(zoneName: timeZone.name)).")
            }
        }
        guard let since else {
            throw ToolFailure(
                "until was given without since. OpsRamp applies a time window as a start and end pair: "
                    + "give since too (for example since \"7d\" or since \"2026-12-01\").")
        }
        let start = try read("since", since)
        let end = try until.map { try read("until", $0) } ?? now
        // An empty window (since == until, e.g. "today" at midnight) is a real question with no matches.
        guard start <= end else {
            let endText = until.map { "until \(TimeExpressionError.quote($0))" } ?? "now"
            throw ToolFailure(
                "since \(TimeExpressionError.quote(since)) (\(OpsRampDate.iso(start))) "
                    + "is after \(endText) (\(OpsRampDate.iso(end))); give a since no later than the end of the window, "
                    + "for example since \"24h\" with until \"1h\" (the last day, up to an hour ago).")
        }
        return TimeWindow(since: start, until: end, timeZoneName: timeZone.name, timeZoneNote: timeZone.windowNote, timeBase: timeBase)
    }

    /// Adds `startDate`, `endDate` and `alertTimeBase`.
    func add(to query: inout QueryString) throws(QueryStringError) {
        try query.add("startDate", OpsRampDate.queryValue(since))
        try query.add("endDate", OpsRampDate.queryValue(until))
        try query.add("alertTimeBase", timeBase.rawValue)
    }

    /// For answers: `since` and `until` in UTC ISO 8601, the zone zone-less times were read in, the
    /// time base, and `timeZoneNote` when the zone is a stand-in (never a silent fallback).
    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "since": .string(OpsRampDate.iso(since)),
            "until": .string(OpsRampDate.iso(until)),
            "timeZone": .string(timeZoneName),
            "timeBase": .string(timeBase.rawValue),
        ]
        if let timeZoneNote { fields["timeZoneNote"] = .string(timeZoneNote) }
        return .object(fields)
    }

    /// The `outputSchema` of `json`.
    static let schema: JSONValue = [
        "type": "object",
        // since, until (UTC), timeZone, timeBase and, when the zone stands in for one that could not be read,
        // timeZoneNote: all text.
        "additionalProperties": Schema.plainString,
    ]
}
