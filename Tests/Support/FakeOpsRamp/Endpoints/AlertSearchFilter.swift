import Foundation
import JSON

/// The alert filters a `queryString` asks for (reference §6). Keys OpsRamp knows but the fake
/// does not filter on (`clientIds`, `duration`, …) are accepted and ignored.
struct AlertSearchFilter: Sendable {
    /// The keys OpsRamp accepts in an alerts `queryString` (§6, the list OCLI validates against).
    static let knownKeys: Set<String> = [
        "states", "startDate", "endDate", "priority", "uniqueId", "deviceStatus", "resourceType", "resourceIds",
        "actions", "alertTypes", "metrics", "duration", "alertTimeBase", "clientIds", "ticketId", "apps",
        "createdBy", "acknowledgedBy", "suppressedBy", "ticketedBy", "closedBy",
        "startAcknowledgedTime", "endAcknowledgedTime", "startSuppressedTime", "endSuppressedTime",
        "startTicketedTime", "endTicketedTime", "startClosedTime", "endClosedTime",
    ]

    private let terms: QueryStringTerms
    private let startDate: Date?
    private let endDate: Date?
    /// `createdDate` when `alertTimeBase:created`, otherwise `updatedTime` (the default).
    private let timeField: String

    init(terms: QueryStringTerms) throws(Rejection) {
        self.terms = terms
        startDate = try Self.date(terms["startDate"], key: "startDate")
        endDate = try Self.date(terms["endDate"], key: "endDate")
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
        if let ids = terms["resourceIds"], !Self.matchesAny(alert.value(atPath: "resource.id"), ids) { return false }
        if let ids = terms["uniqueId"], !Self.matchesAny(alert["uniqueId"], ids) { return false }
        if let metrics = terms["metrics"], !Self.matchesAny(alert["metric"], metrics) { return false }
        if let types = terms["alertTypes"], !types.contains(where: { $0.lowercased() == "all" }),
           !Self.matchesAny(alert["alertType"], types) { return false }
        if let actions = terms["actions"], !actions.contains(where: { Self.alert(alert, isIn: $0) }) { return false }
        if startDate != nil || endDate != nil {
            guard let text = alert[timeField]?.stringValue, let date = FakeDate.parse(text) else { return false }
            if let startDate, date < startDate { return false }
            if let endDate, date > endDate { return false }
        }
        return true
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

    private static func date(_ values: [String]?, key: String) throws(Rejection) -> Date? {
        guard let text = values?.first else { return nil }
        guard let date = FakeDate.parse(text) else {
            throw Rejection(response: APIErrors.validation(
                field: "queryString", message: "Invalid \(key): \(text) (expected yyyy-MM-ddTHH:mm:ss 0000)"))
        }
        return date
    }
}
