import JSON
import MCP
import OpsRampAPI

/// `get_alerts`: alert search with structured filters, built into OpsRamp's `queryString`.
enum GetAlerts {
    static let states = AlertVocabulary.states
    static let priorities = AlertVocabulary.priorities
    static let defaultLimit = 50
    static let maximumLimit = 1000

    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: "get_alerts",
            title: "Search alerts",
            description: """
                Searches OpsRamp alerts, newest first. Filter with states, priorities, actions, a time window \
                (since/until, e.g. "1h", "today", "2026-12-01T07:00"; without a zone, in the operator's time zone) \
                and resource_ids; anything else in query_string (OpsRamp's key:value joined by '+'). Returns compact \
                alerts, the total number of matches, the window used, and how to fetch more.
                """,
            inputSchema: Schema.object([
                "states": Schema.stringArray(states.joined(separator: ", ") + " (any case)."),
                "priorities": Schema.stringArray(priorities.joined(separator: ", ") + " (P0 is highest)."),
                "actions": Schema.stringArray(
                    "OpsRamp's actions filter (sent as actions:...): " + AlertVocabulary.actions.joined(separator: ", ")
                        + " (any case).", maxItems: 8),
                "since": Schema.string(
                    "Window start: 15m, 1h, 24h, 7d, today, yesterday, 2026-12-01, 2026-12-01T07:00 (operator's zone) "
                        + "or with a zone (...Z, ...+02:00).", minLength: 1),
                "until": Schema.string("Window end (default now); same forms; needs since.", minLength: 1),
                "time_base": Schema.string(
                    "Which alert time since/until apply to: created (raised in the window) or updated (any activity in the window).",
                    enum: AlertTimeBase.allCases.map(\.rawValue), default: AlertTimeBase.created.rawValue),
                "resource_ids": Schema.stringArray("Only alerts on these resources (ids from get_minimal_resource_details).", maxItems: 100),
                "open_only": Schema.boolean("Shorthand for actions [\"OPEN\"].", default: false),
                "query_string": Schema.string(
                    "Extra filters, e.g. alertTypes:Monitoring+metrics:PING. Keys: "
                        + OpsRampClient.alertQueryKeys.subtracting(AlertFilters.windowKeys.keys).sorted().joined(separator: ", ")
                        + "; sent as statusHistory: "
                        + OpsRampClient.statusHistoryKeys.sorted().joined(separator: ", ") + ".", minLength: 1),
                "limit": Schema.integer("Most alerts to return.", minimum: 1, maximum: maximumLimit, default: defaultLimit),
                "page": Schema.integer("Which block of `limit` alerts to return, from 1.", minimum: 1, default: 1),
            ]),
            outputSchema: Schema.openObject([
                "totalResults": ["type": "integer", "description": "matches in OpsRamp, when it reported the number"],
                "returned": Schema.plainInteger,
                "page": Schema.plainInteger,
                "limit": Schema.plainInteger,
                "queryString": Schema.plainString,
                "statusHistory": Schema.plainString,
                "window": TimeWindow.schema,
                "alerts": Schema.array(of: AlertSummary.schema),
                "moreAvailable": Schema.plainBoolean,
                "incomplete": Schema.string("why pages OpsRamp has were not fetched"),
                "truncated": Schema.plainString,
                "next": Schema.plainString,
            ], required: ["returned", "page", "limit", "alerts", "moreAvailable"]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { arguments, context in
                try await run(arguments, context: context, environment: environment)
            })
    }

    static func run(_ arguments: ToolArguments, context: ToolContext, environment: ToolEnvironment) async throws -> ToolOutput {
        let limit = arguments.int("limit", default: defaultLimit)
        let page = arguments.int("page", default: 1)
        let filters = try AlertFilters(arguments, environment: environment)
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
        guard !overflow, offset <= 10_000_000 else {
            throw ToolFailure("page \(page) is beyond any result set; use a smaller page.")
        }

        let alertContext = AlertContext(tenantID: environment.tenantID)
        let collected = try await environment.withClient { client in
            try await client.searchAlerts(query: filters.query, statusHistory: filters.statusHistory, offset: offset, limit: limit,
                                          transform: { AlertSummary.compact($0, context: alertContext) }) { fetched, wanted in
                context.progress.report(Double(fetched), total: Double(wanted), message: "fetched \(fetched) of up to \(wanted) alerts")
            }
        }
        let alerts = collected.items
        return ResultBudget.fit(alerts, maxBytes: environment.maxResultBytes) { kept, dropped in
            var result: [String: JSONValue] = [
                "returned": .int(kept.count),
                "page": .int(page),
                "limit": .int(limit),
                "alerts": .array(kept),
                "moreAvailable": .bool(collected.moreAvailable || dropped > 0),
            ]
            filters.describe(into: &result)
            result.setIfPresent("totalResults", collected.totalResults.map(JSONValue.int))
            result.setIfPresent("incomplete", collected.incomplete.map(JSONValue.string))
            if dropped > 0 {
                result["truncated"] = .string(
                    "\(dropped) of the \(alerts.count) alerts fetched were left out to keep this answer under "
                        + "\(environment.maxResultBytes) bytes. Ask for fewer (a smaller limit) or narrow the filters.")
            }
            if collected.moreAvailable && dropped == 0 {
                let remaining = collected.totalResults.map { " (\(max(0, $0 - offset - kept.count)) more match)" } ?? ""
                if collected.incomplete == nil || kept.count == limit {
                    result["next"] = .string("More alerts match\(remaining): call get_alerts again with the same filters and page=\(page + 1), or narrow the filters.")
                } else if !kept.isEmpty, offset % kept.count == 0 {
                    result["next"] = .string("More alerts match\(remaining): for the rest, call get_alerts again with the same filters, "
                        + "limit=\(kept.count) and page=\(offset / kept.count + 2), or narrow the filters.")
                } else {
                    result["next"] = .string("More alerts match\(remaining): try the same call again in a moment, or narrow the filters.")
                }
            }
            return result
        }
    }
}
