import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// What every answer to an operator's question must be, checked the same way for all of them.
enum AnswerChecks {
    /// Fields of one row that must not hold the same value (one of them would only repeat the other).
    static let repeating: [[String]] = [
        ["name", "hostName", "resourceName", "aliasName"], ["hostName", "dnsName"], ["name", "dnsName"],
        ["resourceName", "resourceHostName"], ["createdDate", "updatedTime"],
        ["metric", "component"], ["metric", "problemArea"], ["metric", "serviceName"],
    ]

    /// No field repeats another in its row, and no field has the same value in every row (of two or more).
    static func expectCompact(_ rows: [JSONValue], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for row in rows {
            guard case .object(let fields) = row else { continue }
            for group in repeating {
                let values = group.compactMap { fields[$0] }
                #expect(
                    Set(values).count == values.count, "\(what): a field repeats another in \(JSONWriter.string(row))",
                    sourceLocation: sourceLocation)
            }
        }
        guard rows.count >= 2, let first = rows.first?.objectValue else { return }
        for (key, value) in first where rows.allSatisfy({ $0[key] == value }) {
            #expect(Bool(false), "\(what): \(key) is \(JSONWriter.string(value)) in every row", sourceLocation: sourceLocation)
        }
    }

    /// The same for a `{columns, rows}` table: no column with one value in every row.
    static func expectCompactTable(_ table: JSONValue?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let columns = table?["columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let rows = table?["rows"]?.arrayValue ?? []
        guard rows.count >= 2 else { return }
        for (index, column) in columns.enumerated() {
            let first = rows[0][index]
            #expect(
                !rows.allSatisfy { $0[index] == first }, "\(what): column \(column) is the same in every row",
                sourceLocation: sourceLocation)
        }
    }

    /// The rows of a table as objects keyed by column, with the table's `common` put back.
    static func tableRows(_ table: JSONValue?) -> [[String: JSONValue]] {
        let columns = table?["columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let common = table?["common"]?.objectValue ?? [:]
        return (table?["rows"]?.arrayValue ?? []).map { row in
            var object = common
            for (index, column) in columns.enumerated() { object[column] = row[index] ?? .null }
            return object
        }
    }

    /// No operator setup advice (that belongs in `--check` and the start-up log), and every tool the
    /// answer names is one the server serves, under its prefix.
    static func expectNamesCallable(_ text: String, tools: Set<String>, prefix: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains("OPSRAMP_"), "setup advice in an answer: \(text.prefix(300))", sourceLocation: sourceLocation)
        let bases = [
            "get_alerts", "get_minimal_resource_details", "execute_opsql_query", "get_query_examples",
            "get_alert_statistics_dashboard", "get_release_version",
        ]
        for base in bases {
            var rest = text[...]
            while let range = rest.range(of: base) {
                let before = text[text.startIndex..<range.lowerBound]
                #expect(
                    before.hasSuffix(prefix) && tools.contains(prefix + base), "\(base) named without \(prefix)",
                    sourceLocation: sourceLocation)
                rest = rest[range.upperBound...]
            }
        }
    }
}

extension AnswerChecks {
    static func midnightUTC(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// The dashboard's counts and devices against the fake's open alerts created since `since`.
    static func expectDevices(
        _ structured: JSONValue?, facts: FakeFacts, since: Date, shown: Int?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let attention = facts.open(states: ["Critical", "Warning"], since: since)
        let critical = attention.filter { $0["currentState"] == "Critical" }.count
        #expect(
            structured?["attention"] == [
                "Critical": .int(critical), "Warning": .int(attention.count - critical),
                "total": .int(attention.count),
            ], sourceLocation: sourceLocation)
        #expect(
            structured?["otherOpen"] == [
                "Info": .int(facts.open(states: ["Info"], since: since).count),
                "Ok": .int(facts.open(states: ["Ok"], since: since).count),
            ],
            sourceLocation: sourceLocation)
        let expected = FakeFacts.devices(attention)
        let rows = AnswerChecks.tableRows(structured?["devices"])
        #expect(structured?["devicesTotal"]?.intValue == expected.count, sourceLocation: sourceLocation)
        #expect(rows.count == min(shown ?? expected.count, expected.count), sourceLocation: sourceLocation)
        for row in rows {
            let id = row["id"]?.stringValue ?? ""
            let device = try #require(expected[id], "listed device \(id) needs no attention", sourceLocation: sourceLocation)
            #expect(row["name"]?.stringValue == device.name, sourceLocation: sourceLocation)
            #expect(row["critical"]?.intValue == device.counts["Critical"] ?? 0, "\(device.name)", sourceLocation: sourceLocation)
            #expect(row["warning"]?.intValue == device.counts["Warning"] ?? 0, "\(device.name)", sourceLocation: sourceLocation)
            #expect(row["worstPriority"]?.stringValue == device.worst, "\(device.name)", sourceLocation: sourceLocation)
            // In UTC, as our answers write times: OpsRamp's +0000 written as Z.
            #expect(
                row["newestCreated"]?.stringValue == device.newest.replacingOccurrences(of: "+0000", with: "Z"), "\(device.name)",
                sourceLocation: sourceLocation)
            #expect(row["newestSubject"]?.stringValue == device.subject, "\(device.name)", sourceLocation: sourceLocation)
            #expect(row["type"] != nil, sourceLocation: sourceLocation)
        }
        // Ranked: devices with a critical alert first, then by highest priority, then by count.
        let ranks = rows.map { row -> [Int] in
            let critical = row["critical"]?.intValue ?? 0
            let priority = ["P0", "P1", "P2", "P3", "P4", "P5", "N/A"].firstIndex(of: row["worstPriority"]?.stringValue ?? "") ?? 7
            return [critical > 0 ? 0 : 1, priority, -critical, -(row["warning"]?.intValue ?? 0)]
        }
        #expect(ranks == ranks.sorted { $0.lexicographicallyPrecedes($1) }, sourceLocation: sourceLocation)
        // The top of the ranking is what a full ranking of the fake's devices puts there.
        let everyRank = expected.values.map { device -> [Int] in
            let critical = device.counts["Critical"] ?? 0
            return [
                critical > 0 ? 0 : 1, ["P0", "P1", "P2", "P3", "P4", "P5", "N/A"].firstIndex(of: device.worst) ?? 7,
                -critical, -(device.counts["Warning"] ?? 0),
            ]
        }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(ranks == Array(everyRank.prefix(ranks.count)), sourceLocation: sourceLocation)
        AnswerChecks.expectCompactTable(structured?["devices"], "devices", sourceLocation: sourceLocation)
    }
}

/// What the fake's own data says the answers must be, computed without the server's code.
struct FakeFacts {
    let alerts: [JSONValue]

    static func date(_ alert: JSONValue) -> Date? { opsRampDate(alert["createdDate"]) }

    /// The id of the resource an alert is on: its `resource`'s, else (RCA and legacy alerts) its `device`'s.
    static func resourceID(of alert: JSONValue) -> String? {
        for side in ["resource", "device"] {
            if let id = alert[side]?["id"]?.stringValue, !id.isEmpty { return id }
        }
        return nil
    }

    func open(states: [String], since: Date, until: Date = .distantFuture) -> [JSONValue] {
        alerts.filter { alert in
            guard alert["closed"] != true, states.contains(alert["currentState"]?.stringValue ?? ""),
                let created = Self.date(alert)
            else { return false }
            return created >= since && created <= until
        }
    }

    /// Per resource id: its open alerts (any time) by state.
    func openByResource() -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for alert in alerts where alert["closed"] != true {
            guard let id = Self.resourceID(of: alert), let state = alert["currentState"]?.stringValue else { continue }
            counts[id, default: [:]][state, default: 0] += 1
        }
        return counts
    }

    /// Devices of `alerts` by resource id: name, counts by state, worst priority, newest creation time and subject.
    static func devices(_ alerts: [JSONValue]) -> [String: (name: String, counts: [String: Int], worst: String, newest: String, subject: String)] {
        var devices: [String: (name: String, counts: [String: Int], worst: String, newest: String, subject: String)] = [:]
        let order = ["P0", "P1", "P2", "P3", "P4", "P5"]
        for alert in alerts {
            guard let id = alert["resource"]?["id"]?.stringValue else { continue }
            var device = devices[id] ?? (alert["resource"]?["name"]?.stringValue ?? "", [:], "N/A", "", "")
            let state = alert["currentState"]?.stringValue ?? ""
            device.counts[state, default: 0] += 1
            let priority = alert["priority"]?.stringValue ?? "N/A"
            if let rank = order.firstIndex(of: priority), rank < (order.firstIndex(of: device.worst) ?? order.count) { device.worst = priority }
            let created = alert["createdDate"]?.stringValue ?? ""
            if created > device.newest {
                device.newest = created
                device.subject = alert["subject"]?.stringValue ?? ""
            }
            devices[id] = device
        }
        return devices
    }
}
