import OpsRampAPI
import OpsRampJSON
import OpsRampMCP

/// `get_alerts`: alert search with structured filters, built into OpsRamp's `queryString`; a list of
/// compact alerts, or (`group_by: "resource"`) one row per resource.
enum GetAlerts {
    static let states = AlertFilterVocabulary.states
    static let priorities = AlertFilterVocabulary.priorities
    static let defaultLimit = 50
    /// Alerts grouped when `group_by` is given without a `limit`.
    static let defaultGroupLimit = 1000
    static let maximumLimit = 1000
    static let maximumOffset = 10_000_000

    static func make(_ environment: ToolEnvironment) -> Tool {
        let names = environment.names
        return Tool(
            name: names[.getAlerts],
            title: "Search alerts",
            description: """
                Searches OpsRamp alerts, newest first; since/until without a zone are in the operator's. group_by \
                "resource": a row per resource with counts by state.
                """,
            inputSchema: Schema.object([
                "states": Schema.stringArray(states.joined(separator: ", ") + "."),
                "priorities": Schema.stringArray("P0 (highest) to P5."),
                "actions": Schema.stringArray(AlertFilterVocabulary.actions.joined(separator: ", ") + "."),
                "since": Schema.string("Window start: 1h, 7d, today, 2026-12-01T07:00, ...Z."),
                "until": Schema.string("Window end (default now)."),
                "time_base": Schema.string("created (default) or updated.", enum: AlertTimeBase.allCases.map(\.rawValue)),
                "resource_ids": Schema.stringArray(
                    names.available(.getMinimalResourceDetails).map { "From \($0)." } ?? "Resource ids.", maxItems: 100),
                "open_only": Schema.boolean("Same as actions OPEN."),
                "query_string": Schema.string("More key:value filters joined by +, e.g. alertTypes:Monitoring+acknowledgedBy:jo."),
                "limit": Schema.integer("Most alerts (default \(defaultLimit); grouped \(defaultGroupLimit)).", minimum: 1, maximum: maximumLimit),
                "offset": Schema.integer("Alerts to skip.", minimum: 0),
                "page": Schema.integer("Instead of offset.", minimum: 1),
                "group_by": Schema.string("One row per resource.", enum: ["resource"]),
                "resource_offset": Schema.offset,
            ]),
            outputSchema: Schema.openObject([
                "alerts": Schema.array(of: AlertSummary.schema),
                "common": AlertSummary.commonSchema,
                "resources": CompactTable.schema,
                "resourcesTotal": Schema.plainInteger,
                "byState": Schema.counts(nil),
                "returned": Schema.plainInteger,
                "offset": Schema.plainInteger,
                "totalResults": Schema.plainInteger,
                "moreAvailable": Schema.plainBoolean,
                "queryString": Schema.plainString,
                "statusHistory": Schema.plainString,
                "window": TimeWindow.schema,
                "incomplete": Schema.plainString,
                "truncated": Schema.plainString,
                "next": Continuation.schema,
            ]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { arguments, context in
                try await run(arguments, context: context, environment: environment)
            })
    }

    static func run(_ arguments: ToolArguments, context: ToolContext, environment: ToolEnvironment) async throws -> ToolOutput {
        let grouped = arguments.string("group_by") == "resource"
        let limit = arguments.int("limit") ?? (grouped ? defaultGroupLimit : defaultLimit)
        let offset = try startOffset(arguments, limit: limit)
        let filters = try AlertFilters(arguments, environment: environment)

        let alertContext = AlertContext(tenantID: environment.tenantID)
        let maxBytes = environment.maxResultBytes
        // A list shows only the alerts that fit the result cap: it is measured as the pages arrive, pages
        // are sized to about what fits, and the fetch stops once no more can appear (next continues).
        // Groups count every alert fetched, so they take whole pages of the most OpsRamp gives.
        let sizes = grouped ? nil : HoistedRowSizes(compaction: AlertSummary.compaction)
        var isFull: (@Sendable ([JSONValue]) -> Bool)?
        if let sizes {
            isFull = { alerts in
                sizes.catchUp(with: alerts)
                return sizes.isOver(maxBytes)
            }
        }
        let pageSize = grouped ? nil : listPageSize(maxBytes: maxBytes)
        let collected = try await environment.withClient { client in
            try await client.searchAlerts(
                query: filters.query, statusHistory: filters.statusHistory, offset: offset, limit: limit,
                fields: AlertSummary.sourceFields, nestedFields: AlertSummary.nestedSourceFields,
                pageSize: pageSize, isFull: isFull,
                transform: { AlertSummary.compact($0, context: alertContext) }
            ) { fetched, wanted in
                context.progress.report(Double(fetched), total: Double(wanted), message: "fetched \(fetched) of up to \(wanted) alerts")
            }
        }
        let answer = Answer(
            arguments: arguments, filters: filters, collected: collected, offset: offset, limit: limit,
            tool: environment.names[.getAlerts], maxBytes: maxBytes)
        return grouped ? answer.groups() : answer.list(sizes: sizes)
    }

    /// A small compact alert takes about this many bytes of an answer (once shared fields are hoisted);
    /// OpsRamp's own alerts take 300 to 500.
    static let smallAlertBytes = 250

    /// Alerts per page for a list under `maxBytes`: about as many small alerts as can fit, so that one
    /// page usually holds the answer and rarely much more (between 50 and OpsRamp's 500).
    static func listPageSize(maxBytes: Int) -> Int {
        min(OpsRampClient.maximumAlertPageSize, max(50, maxBytes / smallAlertBytes))
    }

    /// The 0-based index of the first alert wanted, from `offset` or `page`.
    static func startOffset(_ arguments: ToolArguments, limit: Int) throws -> Int {
        if let offset = arguments.int("offset") {
            guard arguments.int("page") == nil else { throw ToolFailure("Give offset or page, not both (offset is the exact one).") }
            guard offset <= maximumOffset else { throw ToolFailure("offset \(offset) is beyond any result set; use a smaller one.") }
            return offset
        }
        let page = arguments.int("page", default: 1)
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
        guard !overflow, offset <= maximumOffset else {
            throw ToolFailure("page \(page) is beyond any result set; use a smaller page.")
        }
        return offset
    }

    /// What one search produced, and how to answer with it.
    struct Answer {
        let arguments: ToolArguments
        let filters: AlertFilters
        let collected: CollectedResults
        let offset: Int
        let limit: Int
        let tool: String
        let maxBytes: Int

        /// The fields every answer carries: what was sent, what OpsRamp has, what is missing.
        func base() -> [String: JSONValue] {
            var result: [String: JSONValue] = [:]
            filters.describe(into: &result)
            result.setIfPresent("totalResults", collected.totalResults.map(JSONValue.int))
            result.setIfPresent("incomplete", collected.incomplete.map(JSONValue.string))
            if offset > 0 { result["offset"] = .int(offset) }
            return result
        }

        /// The call for the alerts after the first `taken` of this answer's share; `nil` when nothing is left.
        func next(after taken: Int, grouping: Bool) -> Continuation? {
            let position = offset + taken
            let remainingInRequest = limit - taken
            let moreInOpsRamp = collected.totalResults.map { position < $0 } ?? (collected.moreAvailable || taken < collected.items.count)
            guard moreInOpsRamp else { return nil }
            // Within what was asked for, continue with the rest of it; past it, with another block of the same size.
            let nextLimit = remainingInRequest > 0 ? remainingInRequest : limit
            var changes: [String: JSONValue] = ["offset": .int(position), "limit": .int(nextLimit), "page": .null]
            if grouping {
                changes["group_by"] = "resource"
                changes["resource_offset"] = .null
            }
            return Continuation(tool: tool, original: arguments, window: filters.window, changes: changes)
        }

        /// `sizes`: the alerts measured while they were fetched, if they were.
        func list(sizes: HoistedRowSizes? = nil) -> ToolOutput {
            let alerts = collected.items
            return ResultBudget.fitRows(
                alerts, sizes: sizes, compaction: AlertSummary.compaction, listKey: "alerts",
                maxBytes: maxBytes
            ) { kept, dropped in
                var result = base()
                result["returned"] = .int(kept.count)
                let next = next(after: kept.count, grouping: false)
                result["moreAvailable"] = .bool(next != nil)
                result.setIfPresent("next", next?.json)
                if dropped > 0 {
                    result["truncated"] = .string(
                        "\(dropped) of the \(alerts.count) alerts fetched were left out to keep this answer "
                            + "under \(maxBytes) bytes; next continues with them.")
                }
                return result
            }
        }
    }
}
