import Foundation
import OpsRampAPI
import OpsRampConfiguration
import OpsRampJSON

/// Alert counts by state and by priority. Priorities include the unset bucket (`N/A`, what OpsRamp
/// shows for an alert without one), and states an `other` bucket, so each adds up to `total`.
struct AlertTally: Sendable, Equatable {
    /// What OpsRamp shows as the priority of an alert that has none.
    static let unsetPriority = "N/A"
    /// The state bucket of a value that is none of OpsRamp's four.
    static let otherState = "other"
    /// Every priority bucket, highest first.
    static let priorityBuckets = AlertFilterVocabulary.priorities + [unsetPriority]

    private(set) var byState: [String: Int] = [:]
    private(set) var byPriority: [String: Int] = [:]
    private(set) var total = 0

    /// Counts one compact alert (`currentState`, `priority`).
    mutating func add(_ alert: JSONValue) {
        byState[Self.state(of: alert), default: 0] += 1
        byPriority[Self.priority(of: alert), default: 0] += 1
        total += 1
    }

    func count(state: String) -> Int { byState[state] ?? 0 }

    /// Every priority bucket with its count, zeros included, so the numbers visibly add up.
    var priorityJSON: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: Self.priorityBuckets.map { ($0, JSONValue.int(byPriority[$0] ?? 0)) }))
    }

    /// OpsRamp's spelling of the alert's state, or `other`.
    static func state(of alert: JSONValue) -> String {
        guard let text = alert["currentState"]?.stringValue else { return otherState }
        return AlertState(anyCase: text)?.rawValue ?? otherState
    }

    /// `P0`…`P5`, or `N/A` for an unset or unknown priority.
    static func priority(of alert: JSONValue) -> String {
        guard let text = alert["priority"]?.stringValue?.uppercased() else { return unsetPriority }
        return AlertPriority(rawValue: text)?.rawValue ?? unsetPriority
    }
}

/// Alert times as keys that sort in time order.
enum AlertTime {
    /// OpsRamp writes GMT times (`2026-12-01T07:03:00+0000`; compact legacy alerts `…Z`), whose first
    /// 19 characters sort as time does; a time in another zone is converted first. Unreadable: "".
    static func sortKey(_ text: String?) -> String {
        guard let text, text.utf8.count >= 19 else { return "" }
        let zone = text.dropFirst(19)
        if zone == "Z" || zone == "+0000" || zone == "+00:00" || zone.isEmpty { return String(text.prefix(19)) }
        guard let date = try? TimeExpression(timeZone: OperatorTimeZone.utc.zone, now: Date()).parse(text) else { return "" }
        return String(OpsRampDate.iso(date).prefix(19))
    }

    /// The time in UTC as ISO 8601 (`2026-12-01T07:03:00Z`), as our own answers write times; the
    /// text as it is when it cannot be read.
    static func utc(_ text: String?) -> String? {
        let key = sortKey(text)
        return key.isEmpty ? text : key + "Z"
    }
}
