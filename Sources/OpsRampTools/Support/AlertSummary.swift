import Foundation
import OpsRampAPI
import OpsRampJSON

/// What compaction needs to know about the tenant the alerts come from.
struct AlertContext: Sendable {
    /// The configured tenant id (`client_1234`, `msp_56`, a UUID), when known.
    let tenantID: String?

    /// A partner (MSP) tenant: one answer mixes the alerts of many clients.
    var isPartner: Bool { tenantID?.lowercased().hasPrefix("msp_") ?? false }

    /// A client tenant by its id (`client_…`): it sees only its own alerts and resources. A UUID may
    /// name a client or a partner, so it is never assumed to be one.
    var isClient: Bool { tenantID?.lowercased().hasPrefix("client_") ?? false }

    /// Whether an object's client fields (`clientUniqueId`, `tenantName`, a resource's `clientId`) say
    /// something: kept whenever present, unless the client id is the configured tenant, or the object
    /// names no client id and the configured tenant is a client (whose name it then is).
    func keepsClient(id: String?) -> Bool {
        if isPartner { return true }
        if let id { return id != tenantID }
        return !isClient
    }
}

/// The fields of an OpsRamp alert that operators ask about, flattened, for compact answers.
///
/// A search result carries some forty fields, most of them noise for a question about alerts.
/// Values are kept as text (numbers as their digits), so every field has one type whatever the
/// tenant sends. JSON `null`, `{}`, `[]` and blank strings count as absent and are left out.
enum AlertSummary {
    /// Copied as they are, under the same names.
    static let textFields = [
        "uniqueId", "subject", "currentState", "priority", "status", "alertType", "eventType", "createdDate",
        "updatedTime", "metric", "component", "problemArea", "app", "serviceName", "repeatCount", "incidentId",
    ]
    /// Kept only when true.
    static let flags = ["acknowledged", "suppressed", "ticketed", "closed"]

    /// The members of an OpsRamp alert `compact` reads: pages are parsed building only these.
    static let sourceFields = Set(textFields + flags + ["createdTime", "clientUniqueId", "tenantName", "resource", "device"])
    /// The members of `resource` and `device` that `compact` reads.
    static let hostFields: Set<String> = ["id", "name", "resourceName", "hostName", "ipAddress", "resourceType", "type"]
    static let nestedSourceFields = ["resource": hostFields, "device": hostFields]

    static let summaryCapacity = 24

    static func compact(_ alert: JSONValue, context: AlertContext) -> JSONValue {
        // Sized once, for the fields a summary usually has (up to 24, in 32 buckets): growing it field by
        // field rehashes it four times, and room for all 28 it could have takes 64 buckets (2.6 KB an alert).
        var summary = [String: JSONValue](minimumCapacity: summaryCapacity)
        for key in textFields {
            summary.setIfPresent(key, text(alert[key]))
        }
        // Legacy alerts have only `createdTime`, in epoch milliseconds.
        if summary["createdDate"] == nil { summary.setIfPresent("createdDate", creationTime(alert["createdTime"])) }

        // Alerts of other clients (a partner tenant, a client id that is not the configured tenant, a
        // legacy alert with only its tenantName on a UUID tenant) must be told apart, so they keep whose they are.
        let client = text(alert["clientUniqueId"])
        if context.keepsClient(id: client?.stringValue) {
            summary.setIfPresent("clientUniqueId", client)
            summary.setIfPresent("tenantName", text(alert["tenantName"]))
        }

        // Each host field from `resource`, falling back field by field to `device` (RCA and legacy
        // alerts have only `device`; inference alerts a sparse `resource`).
        let sources = [alert["resource"], alert["device"]]
        func first(_ keys: [String]) -> JSONValue? {
            for source in sources {
                for key in keys {
                    if let value = text(source?[key]) { return value }
                }
            }
            return nil
        }
        let name = first(["name", "resourceName", "hostName"])
        summary.setIfPresent("resourceId", first(["id"]))
        summary.setIfPresent("resourceName", name)
        if let host = first(["hostName"]), host != name { summary["resourceHostName"] = host }
        summary.setIfPresent("resourceIp", first(["ipAddress"]))
        summary.setIfPresent("resourceType", first(["resourceType", "type"]))

        for flag in flags where alert[flag]?.boolValue == true || alert[flag]?.stringValue?.lowercased() == "true" {
            summary[flag] = true
        }
        compaction.removeRepeats(from: &summary)
        return .object(summary)
    }

    /// Fields left out of a compact alert when they repeat another (OpsRamp often fills `component`,
    /// `problemArea` and `serviceName` with the metric, and `updatedTime` with the creation time);
    /// across an answer, fields equal in every alert move to `common`, the alert id never.
    static let compaction = RowCompaction(
        repeats: [
            .init(field: "updatedTime", sameAs: ["createdDate"]),
            .init(field: "component", sameAs: ["metric"]),
            .init(field: "problemArea", sameAs: ["metric", "component"]),
            .init(field: "serviceName", sameAs: ["metric", "component"]),
        ],
        neverCommon: ["uniqueId"])

    /// A scalar as text; `nil` for absent, null, blank, and for lists or objects (not expected here).
    static func text(_ value: JSONValue?) -> JSONValue? {
        switch value {
        // Checked on UTF-8 bytes: Foundation's trimming bridges through NSString, far too slow per field.
        case .string(let text)? where text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }): nil
        case .string?: value
        case .number(let number)?: .string(number.literal)
        case .bool(let flag)?: .string(flag ? "true" : "false")
        default: nil
        }
    }

    /// `createdTime` in epoch milliseconds (or seconds, if that small) as ISO 8601; a text time as it is.
    static func creationTime(_ value: JSONValue?) -> JSONValue? {
        let number =
            value?.doubleValue
            ?? value?.stringValue.flatMap { text in
                text.utf8.allSatisfy { (0x30...0x39).contains($0) } ? Double(text) : nil
            }
        guard let number else {
            // A text time (OpsQL rows) is shown as it is; anything else is no time at all.
            guard let text = value?.stringValue, text.utf8.count >= 10, text.utf8.prefix(4).allSatisfy({ (0x30...0x39).contains($0) }),
                text.utf8.dropFirst(4).first == UInt8(ascii: "-")
            else { return nil }
            return .string(text)
        }
        guard number > 0, number < 1e14 else { return nil }
        let seconds = number >= 1e11 ? number / 1000 : number
        return .string(OpsRampDate.iso(Date(timeIntervalSince1970: seconds)))
    }

    /// Schema of `common`: fields of the compact alert that every alert of the answer shares (text or
    /// flags, as in each alert), declared as a dictionary to keep `tools/list` small.
    static let commonSchema = Schema.freeObject()

    /// Schema of one compact alert, for `outputSchema`: every field declared, as text except the flags.
    static let schema: JSONValue = {
        var properties: [String: JSONValue] = [:]
        for field in textFields + ["clientUniqueId", "tenantName", "resourceId", "resourceName", "resourceHostName", "resourceIp", "resourceType"] {
            properties[field] = Schema.plainString
        }
        for flag in flags { properties[flag] = Schema.plainBoolean }
        return ["type": "object", "properties": .object(properties)]
    }()
}
