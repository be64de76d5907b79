import Foundation
import OpsRampJSON

/// The alert filters a `queryString` and a `statusHistory` parameter ask for (reference §6). Keys
/// OpsRamp knows but the fake does not filter on (`duration`, `apps`, …) are accepted and ignored.
struct AlertSearchFilter: Sendable {
    /// The keys OpsRamp accepts in an alerts `queryString` (§6, the list OCLI validates against).
    static let queryStringKeys: Set<String> = [
        "states", "startDate", "endDate", "priority", "uniqueId", "deviceStatus", "resourceType", "resourceIds",
        "actions", "alertTypes", "metrics", "duration", "alertTimeBase", "clientIds", "ticketId", "apps",
    ]

    /// The variables of the separate `statusHistory` parameter (§6).
    static let statusHistoryKeys: Set<String> = [
        "createdBy", "acknowledgedBy", "suppressedBy", "ticketedBy", "closedBy",
        "startAcknowledgedTime", "endAcknowledgedTime", "startSuppressedTime", "endSuppressedTime",
        "startTicketedTime", "endTicketedTime", "startClosedTime", "endClosedTime",
    ]

    /// Who did what: a `statusHistory` key and the alert's `statusHistory` field it reads.
    private static let actors = ["createdBy", "acknowledgedBy", "suppressedBy", "ticketedBy", "closedBy"]
    /// When: the action's time field in `statusHistory`.
    private static let actionTimes = [
        "Acknowledged": "acknowledgedTime", "Suppressed": "suppressedTime",
        "Ticketed": "ticketedTime", "Closed": "closedTime",
    ]

    private let terms: QueryStringTerms
    private let history: QueryStringTerms?
    private let startDate: Date?
    private let endDate: Date?
    /// Time ranges on `statusHistory` fields: field name, start, end.
    private let historyRanges: [(field: String, start: Date?, end: Date?)]
    /// `createdDate` when `alertTimeBase:created`, otherwise `updatedTime` (the default).
    private let timeField: String

    init(terms: QueryStringTerms, statusHistory: QueryStringTerms? = nil) throws(Rejection) {
        self.terms = terms
        history = statusHistory
        startDate = try Self.date(terms["startDate"], key: "startDate")
        endDate = try Self.date(terms["endDate"], key: "endDate")
        var ranges: [(String, Date?, Date?)] = []
        for (action, field) in Self.actionTimes.sorted(by: { $0.key < $1.key }) {
            let start = try Self.date(statusHistory?["start\(action)Time"], key: "start\(action)Time", field: "statusHistory")
            let end = try Self.date(statusHistory?["end\(action)Time"], key: "end\(action)Time", field: "statusHistory")
            if start != nil || end != nil { ranges.append((field, start, end)) }
        }
        historyRanges = ranges
        switch terms["alertTimeBase"]?.first?.lowercased() {
        case nil, "updated": timeField = "updatedTime"
        case "created": timeField = "createdDate"
        case .some(let other):
            throw Rejection(response: APIErrors.validation(field: "queryString", message: "Invalid alertTimeBase: \(other)"))
        }
    }

    func matches(_ alert: JSONValue) -> Bool {
        if let states = terms["states"], !Self.matchesAny(alert["currentState"], states) { return false }
        if let priorities = terms["priority"], !Self.matchesAny(alert["priority"], priorities) { return false }
        if let ids = terms["resourceIds"], !Self.matchesAny(Self.host(alert, "id"), ids) { return false }
        if let ids = terms["uniqueId"], !Self.matchesAny(alert["uniqueId"], ids) { return false }
        if let clients = terms["clientIds"], !Self.matchesAny(alert["clientUniqueId"], clients) { return false }
        if let metrics = terms["metrics"], !Self.matchesAny(alert["metric"], metrics) { return false }
        if let types = terms["alertTypes"], !types.contains(where: { $0.lowercased() == "all" }),
            !Self.matchesAny(alert["alertType"], types)
        {
            return false
        }
        if let actions = terms["actions"], !actions.contains(where: { Self.alert(alert, isIn: $0) }) { return false }
        if startDate != nil || endDate != nil {
            guard let date = Self.time(of: alert, field: timeField) else { return false }
            if let startDate, date < startDate { return false }
            if let endDate, date > endDate { return false }
        }
        for actor in Self.actors {
            if let wanted = history?[actor], !Self.matchesAny(alert["statusHistory"]?[actor], wanted) { return false }
        }
        for range in historyRanges {
            guard let text = alert["statusHistory"]?[range.field]?.stringValue, let date = FakeDate.parse(text) else { return false }
            if let start = range.start, date < start { return false }
            if let end = range.end, date > end { return false }
        }
        return true
    }

    /// A host field from `resource`, else from `device` (RCA and legacy alerts have only `device`).
    private static func host(_ alert: JSONValue, _ key: String) -> JSONValue? {
        for side in ["resource", "device"] {
            if let value = alert[side]?[key], value.stringValue?.isEmpty == false { return value }
        }
        return nil
    }

    /// The alert's time for a window: legacy alerts have `createdTime` (epoch ms) instead of `createdDate`.
    private static func time(of alert: JSONValue, field: String) -> Date? {
        if let text = alert[field]?.stringValue, let date = FakeDate.parse(text) { return date }
        if field == "createdDate", let millis = alert["createdTime"]?.doubleValue { return Date(timeIntervalSince1970: millis / 1000) }
        return nil
    }

    /// Case-insensitive match of a scalar against any of the given values.
    private static func matchesAny(_ value: JSONValue?, _ candidates: [String]) -> Bool {
        let texts = (value?.scalars ?? []).compactMap(\.scalarText).map { $0.lowercased() }
        return candidates.contains { texts.contains($0.lowercased()) }
    }

    /// `actions:` values: OPEN = not closed, CLOSED, ACKNOWLEDGED, TICKETED, SUPPRESSED by their flags.
    private static func alert(_ alert: JSONValue, isIn action: String) -> Bool {
        let flag = { (name: String) in alert[name]?.boolValue == true }
        switch action.uppercased() {
        case "OPEN": return !flag("closed")
        case "CLOSED": return flag("closed")
        case "ACKNOWLEDGED": return flag("acknowledged")
        case "TICKETED": return flag("ticketed")
        case "SUPPRESSED": return flag("suppressed")
        default: return false
        }
    }

    private static func date(_ values: [String]?, key: String, field: String = "queryString") throws(Rejection) -> Date? {
        guard let text = values?.first else { return nil }
        guard let date = FakeDate.parse(text) else {
            throw Rejection(
                response: APIErrors.validation(
                    field: field, message: "Invalid \(key): \(text) (expected yyyy-MM-ddTHH:mm:ss 0000)"))
        }
        return date
    }
}
