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
                Searches OpsRamp alerts, newest first. Filter with states, priorities, actions (OpsRamp's action \
                filter: OPEN, ACKNOWLEDGED, TICKETED, CLOSED, ...), a time window (since/until, e.g. since "1h", \
                "today" or "2026-12-01T07:00"; times without a zone are in the operator's time zone) and \
                resource_ids; anything else can go in query_string using OpsRamp's queryString syntax (key:value \
                joined by '+', e.g. alertTypes:Monitoring+metrics:PING). Returns compact alerts (id, subject, state, \
                priority, status, event type, resource, client on partner tenants, times), the total number of \
                matches, the window used, and how to fetch more.
                """,
            inputSchema: Schema.object([
                "states": Schema.stringArray("Alert states to include: " + states.joined(separator: ", ") + " (any case)."),
                "priorities": Schema.stringArray("Priorities to include, " + priorities.joined(separator: ", ") + " (P0 is highest)."),
                "actions": Schema.stringArray(
                    "OpsRamp's action filter, sent as actions:...: alerts on which one of these actions applies: "
                        + AlertVocabulary.actions.joined(separator: ", ")
                        + " (any case). OPEN is what OpsRamp calls open alerts; whether an acknowledged or ticketed alert "
                        + "still counts as OPEN is OpsRamp's rule, not this server's.", maxItems: 8),
                "since": Schema.string(
                    "Start of the time window: relative (15m, 1h, 24h, 7d), today, yesterday, a date (2026-12-01) or an "
                        + "ISO 8601 time (2026-12-01T07:00, 2026-12-01T07:00:00Z, ...+02:00). Times without a zone, dates, "
                        + "today and yesterday are in the operator's time zone.", minLength: 1),
                "until": Schema.string("End of the time window (default now); same forms as since; needs since.", minLength: 1),
                "time_base": Schema.string(
                    "Which alert time since/until apply to: created (raised in the window) or updated (any activity in the window).",
                    enum: AlertTimeBase.allCases.map(\.rawValue), default: AlertTimeBase.created.rawValue),
                "resource_ids": Schema.stringArray("Only alerts on these resources (ids from get_minimal_resource_details).", maxItems: 100),
                "open_only": Schema.boolean("Shorthand for actions [\"OPEN\"] (OpsRamp's action OPEN).", default: false),
                "query_string": Schema.string(
                    "Extra OpsRamp filters, key:value joined by '+', e.g. alertTypes:Monitoring+metrics:PING. queryString keys: "
                        + OpsRampClient.alertQueryKeys.subtracting(AlertFilters.windowKeys.keys).sorted().joined(separator: ", ")
                        + ". Who acted and when (sent in OpsRamp's separate statusHistory parameter): "
                        + OpsRampClient.statusHistoryKeys.sorted().joined(separator: ", ") + ".", minLength: 1),
                "limit": Schema.integer("Most alerts to return.", minimum: 1, maximum: maximumLimit, default: defaultLimit),
                "page": Schema.integer("Which block of `limit` alerts to return, from 1.", minimum: 1, default: 1),
            ]),
            outputSchema: Schema.openObject([
                "totalResults": ["type": "integer", "description": "matches in OpsRamp, when it reported the number"],
                "returned": Schema.plainInteger,
                "page": Schema.plainInteger,
                "limit": Schema.plainInteger,
                "queryString": Schema.string("the queryString sent"),
                "statusHistory": Schema.string("the statusHistory parameter sent, when any"),
                "window": TimeWindow.schema,
                "alerts": Schema.array(of: AlertSummary.schema),
                "moreAvailable": Schema.plainBoolean,
                "incomplete": Schema.string("why pages OpsRamp has were not fetched, when that happened"),
                "truncated": Schema.string("why alerts fetched were left out of this answer"),
                "next": Schema.string("how to get more"),
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
