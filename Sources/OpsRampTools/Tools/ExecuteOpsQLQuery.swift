import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSecrets

/// `execute_opsql_query`: run an OpsQL query, checked before it is sent.
enum ExecuteOpsQLQuery {
    static let defaultLimit = 100
    static let maximumLimit = 5000
    static let maximumOffset = 1_000_000
    /// Object types OpsQL is known to accept.
    static let objectTypes = ["alert", "resource", "topology", "tag", "ticket"]

    static func make(_ environment: ToolEnvironment) -> Tool {
        let names = environment.names
        return Tool(
            name: names[.executeOpsQLQuery],
            title: "Run an OpsQL query",
            description: """
                Runs an OpsQL query, e.g. {"objectType":"alert","fields":["id","subject"],"filterCriteria":\
                "currentState = \\"CRITICAL\\""}\(names.available(.getQueryExamples).map { "; adapt one from \($0)" } ?? ""). Rows use \
                OpsQL names (id, createdTime, CRITICAL). A count: "aggregateFunction":"count","groupBy":[].
                """,
            inputSchema: Schema.object(
                [
                    "query": Schema.anyOf([["type": "object"], ["type": "string"]], description: "Request body, or its JSON text."),
                    "limit": Schema.integer("Most rows.", minimum: 1, maximum: maximumLimit, default: defaultLimit),
                    "offset": Schema.integer("Rows to skip.", minimum: 0),
                ], required: ["query"]),
            outputSchema: Schema.openObject([
                "objectType": Schema.plainString,
                "returned": Schema.plainInteger,
                "results": Schema.array(of: Schema.freeObject()),
                // Like the rows, free-form: it holds the fields the query asked for.
                "common": Schema.freeObject(),
                "moreAvailable": Schema.plainBoolean,
                "count": Schema.plainInteger,
                "incomplete": Schema.plainString,
                "note": Schema.plainString,
                "totalResults": Schema.plainInteger,
                "truncated": Schema.plainString,
                "next": Continuation.schema,
            ]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { arguments, context in
                try await run(arguments, context: context, environment: environment)
            })
    }

    static func run(_ arguments: ToolArguments, context: ToolContext, environment: ToolEnvironment) async throws -> ToolOutput {
        let body = try OpsQLRequestValidator.validate(
            arguments["query"] ?? .null,
            examplesTool: environment.names.available(.getQueryExamples))
        let limit = arguments.int("limit", default: defaultLimit)
        let objectType = body["objectType"]?.stringValue ?? ""

        if body["aggregateFunction"] != nil {
            let page = try await environment.withClient { client in try await client.opsqlPage(body) }
            // One count, or one per group (groupBy); many groups are cut like rows.
            return ResultBudget.fit(page.results, maxBytes: environment.maxResultBytes) { kept, dropped in
                var result: [String: JSONValue] = [
                    "objectType": .string(objectType),
                    "returned": .int(kept.count),
                    "results": .array(kept),
                    "moreAvailable": .bool(page.nextPage || dropped > 0),
                ]
                if let count = page.count {
                    result["count"] = .int(count)
                    if page.results.isEmpty { result["results"] = [["count": .int(count)]] }
                }
                if dropped > 0 { result["truncated"] = .string("\(dropped) groups were left out to keep this answer small; group by fewer fields.") }
                return result
            }
        }

        let skip = arguments.int("offset", default: 0)
        guard skip <= maximumOffset else { throw ToolFailure("offset \(skip) is beyond any result set; use a smaller one.") }
        let collected = try await environment.withClient { client in
            try await client.runOpsQL(body, limit: limit, skip: skip) { fetched, wanted in
                context.progress.report(Double(fetched), total: Double(wanted), message: "fetched \(fetched) of up to \(wanted) rows")
            }
        }
        let requestedPageSize = body["pageSize"]?.intValue
        // Rows hold only the fields asked for; one with the same value in every row is given once.
        return ResultBudget.fitRows(
            collected.items, compaction: RowCompaction(neverCommon: ["id"]), listKey: "results",
            maxBytes: environment.maxResultBytes
        ) { kept, dropped in
            var result: [String: JSONValue] = [
                "objectType": .string(objectType),
                "returned": .int(kept.count),
                "moreAvailable": .bool(collected.moreAvailable || dropped > 0),
            ]
            result.setIfPresent("totalResults", collected.totalResults.map(JSONValue.int))
            result.setIfPresent("incomplete", collected.incomplete.map(JSONValue.string))
            if let count = collected.count {
                result["count"] = .int(count)
                result["note"] = .string("OpsRamp answered with a count (\(count)) instead of rows.")
            } else if let requested = requestedPageSize, requested > collected.pageSize {
                result["note"] = .string(
                    "This is a join query (a dotted attribute), so it was fetched in pages of "
                        + "\(collected.pageSize) rather than \(requested), as HPE's own analytics SDK pages joins.")
            }
            if dropped > 0 {
                result["truncated"] = .string(
                    "\(dropped) of the \(collected.items.count) rows fetched were left out to keep this answer under "
                        + "\(environment.maxResultBytes) bytes; next continues with them (fewer fields fit more rows).")
            }
            if dropped > 0 || collected.moreAvailable {
                // The rows after the last one returned, whatever page size fetches them.
                let rest = dropped > 0 ? limit - kept.count : limit
                result["next"] =
                    Continuation(
                        tool: environment.names[.executeOpsQLQuery], original: arguments, window: nil,
                        changes: [
                            "query": .object(body), "offset": .int(skip + kept.count), "limit": .int(max(1, rest)),
                        ]
                    ).json
            }
            return result
        }
    }
}
