import JSON
import MCP
import OpsRampAPI

/// `get_alerts`: alert search with structured filters, built into OpsRamp's `queryString`.
enum GetAlerts {
    static let states = ["Critical", "Warning", "Info", "Ok"]
    static let priorities = ["P0", "P1", "P2", "P3", "P4", "P5"]
    static let defaultLimit = 50
    static let maximumLimit = 1000

    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: "get_alerts",
            title: "Search alerts",
            description: """
                Searches OpsRamp alerts, newest first. Filter with states, priorities, a time window (since/until, \
                e.g. since "1h"), resource_ids and open_only; anything else can go in query_string using OpsRamp's \
                queryString syntax (key:value joined by '+', e.g. alertTypes:Monitoring+metrics:PING). Returns compact \
                alerts (id, subject, state, priority, status, resource, times), the total number of matches, and how \
                to fetch more.
                """,
            inputSchema: Schema.object([
                "states": Schema.stringArray("Alert states to include.", enum: states),
                "priorities": Schema.stringArray("Priorities to include (P0 is highest).", enum: priorities),
                "since": Schema.string("Start of the time window: relative (15m, 1h, 24h, 7d), \"today\", or ISO 8601.", minLength: 1),
                "until": Schema.string("End of the time window (default now); same forms as since.", minLength: 1),
                "time_base": Schema.string(
                    "Which alert time since/until apply to: created (raised in the window) or updated (any activity in the window).",
                    enum: ["created", "updated"], default: "created"),
                "resource_ids": Schema.stringArray("Only alerts on these resources (ids from get_minimal_resource_details).", maxItems: 100),
                "open_only": Schema.boolean("Only alerts that are still open (not closed).", default: false),
                "query_string": Schema.string(
                    "Extra OpsRamp queryString filters, e.g. alertTypes:Monitoring+metrics:PING. Keys: "
                        + OpsRampClient.alertQueryKeys.sorted().joined(separator: ", "), minLength: 1),
                "limit": Schema.integer("Most alerts to return.", minimum: 1, maximum: maximumLimit, default: defaultLimit),
                "page": Schema.integer("Which block of `limit` alerts to return, from 1.", minimum: 1, default: 1),
            ]),
            outputSchema: Schema.openObject([
                "totalResults": ["type": "integer", "description": "matches in OpsRamp, when it reported the number"],
                "returned": Schema.plainInteger,
                "page": Schema.plainInteger,
                "limit": Schema.plainInteger,
                "queryString": Schema.plainString,
                "alerts": Schema.array(of: AlertSummary.schema),
                "moreAvailable": Schema.plainBoolean,
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
        let query = try buildQuery(arguments, environment: environment)
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
        guard !overflow, offset <= 10_000_000 else {
            throw ToolFailure("page \(page) is beyond any result set; use a smaller page.")
        }

        let collected = try await environment.withClient { client in
            try await client.searchAlerts(query: query, offset: offset, limit: limit, transform: AlertSummary.compact) { fetched, wanted in
                context.progress.report(Double(fetched), total: Double(wanted), message: "fetched \(fetched) of up to \(wanted) alerts")
            }
        }
        let alerts = collected.items
        return ResultBudget.fit(alerts, maxBytes: environment.maxResultBytes) { kept, dropped in
            var result: [String: JSONValue] = [
                "returned": .int(kept.count),
                "page": .int(page),
                "limit": .int(limit),
                "queryString": .string(query.description),
                "alerts": .array(kept),
                "moreAvailable": .bool(collected.moreAvailable || dropped > 0),
            ]
            result.setIfPresent("totalResults", collected.totalResults.map(JSONValue.int))
            if dropped > 0 {
                result["truncated"] = .string(
                    "\(dropped) of the \(alerts.count) alerts fetched were left out to keep this answer under "
                        + "\(environment.maxResultBytes) bytes. Ask for fewer (a smaller limit) or narrow the filters.")
            }
            if collected.moreAvailable && dropped == 0 {
                let remaining = collected.totalResults.map { " (\(max(0, $0 - offset - kept.count)) more match)" } ?? ""
                result["next"] = .string("More alerts match\(remaining): call get_alerts again with the same filters and page=\(page + 1), or narrow the filters.")
            }
            return result
        }
    }

    /// The queryString for the arguments; structured arguments and `query_string` may not set the same key.
    static func buildQuery(_ arguments: ToolArguments, environment: ToolEnvironment) throws -> QueryString {
        var query = QueryString()
        do {
            try query.add("states", arguments.strings("states"))
            try query.add("priority", arguments.strings("priorities"))
            try query.add("resourceIds", arguments.strings("resource_ids"))
            if arguments.bool("open_only") == true { try query.add("actions", "OPEN") }
            let window = try TimeWindow(since: arguments.string("since"), until: arguments.string("until"), now: environment.now())
            try window.add(to: &query, timeBase: arguments.string("time_base", default: "created"))
            if let raw = arguments.string("query_string") {
                try query.merge(QueryString.parse(raw, allowedKeys: OpsRampClient.alertQueryKeys))
            }
        } catch let error as QueryStringError {
            throw ToolFailure("Invalid filter: \(error).")
        }
        return query
    }
}
