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
            inputSchema: Schema.object([
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
        let body = try OpsQLRequestValidator.validate(arguments["query"] ?? .null,
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
        return ResultBudget.fitRows(collected.items, compaction: RowCompaction(neverCommon: ["id"]), listKey: "results",
                                    maxBytes: environment.maxResultBytes) { kept, dropped in
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
                result["note"] = .string("This is a join query (a dotted attribute), so it was fetched in pages of "
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
                result["next"] = Continuation(tool: environment.names[.executeOpsQLQuery], original: arguments, window: nil, changes: [
                    "query": .object(body), "offset": .int(skip + kept.count), "limit": .int(max(1, rest)),
                ]).json
            }
            return result
        }
    }
}

/// Checks an OpsQL request body before it costs a request (and a slot of the rate limit).
enum OpsQLRequestValidator {
    static let knownKeys: Set<String> = [
        "objectType", "fields", "filterCriteria", "pageNo", "pageSize", "sortBy", "sortByOrder", "groupBy", "aggregateFunction",
    ]

    /// The request body, or a tool failure naming the problem and pointing at `examplesTool` (when
    /// served; otherwise at the `opsql://examples` resource, which is always there).
    static func validate(_ raw: JSONValue, examplesTool: String? = ToolName.getQueryExamples.rawValue) throws -> [String: JSONValue] {
        do {
            return try check(raw)
        } catch let problem as Problem {
            let examples = examplesTool.map { "Call \($0) for working examples." } ?? "The opsql://examples resource has working examples."
            throw ToolFailure("Invalid OpsQL query: \(problem.detail). \(examples)")
        }
    }

    private struct Problem: Error {
        let detail: String
    }

    private static func check(_ raw: JSONValue) throws -> [String: JSONValue] {
        let value: JSONValue
        switch raw {
        case .object:
            value = raw
        case .string(let text):
            do {
                value = try JSONParser.parse(text)
            } catch {
                throw problem("query is not valid JSON (\(error))")
            }
        default:
            throw problem("query must be a JSON object, got \(raw.typeName)")
        }
        guard case .object(let body) = value else {
            throw problem("query must be a JSON object, got \(value.typeName)")
        }
        if let unknown = body.keys.sorted().first(where: { !knownKeys.contains($0) }) {
            throw problem("\"\(Excerpt.of(unknown))\" is not an OpsQL request field; allowed: \(knownKeys.sorted().joined(separator: ", "))")
        }
        guard let objectType = body["objectType"]?.stringValue else {
            throw problem("objectType is required (one of \(ExecuteOpsQLQuery.objectTypes.joined(separator: ", ")))")
        }
        guard ExecuteOpsQLQuery.objectTypes.contains(objectType) else {
            throw problem("objectType \"\(Excerpt.of(objectType))\" is not one OpsQL accepts; use one of \(ExecuteOpsQLQuery.objectTypes.joined(separator: ", "))")
        }
        let isAggregate = body["aggregateFunction"] != nil
        if let fields = body["fields"] {
            guard let list = fields.arrayValue, !list.isEmpty,
                  list.allSatisfy({ ($0.stringValue.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? false })
            else { throw problem("fields must be a non-empty list of attribute names, e.g. [\"id\", \"name\"]") }
        } else if !isAggregate {
            throw problem("fields is required: list the attributes to return, e.g. [\"id\", \"name\", \"currentState\"]")
        }
        if let filter = body["filterCriteria"], filter.stringValue == nil {
            throw problem("filterCriteria must be a string such as currentState = \"CRITICAL\"")
        }
        if let filter = body["filterCriteria"]?.stringValue, let issue = filterIssue(filter) {
            throw problem(issue)
        }
        for (key, maximum) in [("pageNo", 1_000_000), ("pageSize", 1000)] {
            if let number = body[key] {
                guard let int = number.intValue, (1...maximum).contains(int) else {
                    throw problem("\(key) must be an integer from 1 to \(maximum)")
                }
            }
        }
        if let order = body["sortByOrder"], order.stringValue.map({ ["ASC", "DESC"].contains($0.uppercased()) }) != true {
            throw problem("sortByOrder must be \"ASC\" or \"DESC\"")
        }
        if let sortBy = body["sortBy"], sortBy.stringValue == nil { throw problem("sortBy must be a field name") }
        if let groupBy = body["groupBy"], groupBy.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
            throw problem("groupBy must be a list of field names ([] for a plain count)")
        }
        if let function = body["aggregateFunction"], function.stringValue == nil {
            throw problem("aggregateFunction must be a string such as \"count\"")
        }
        return body
    }

    /// Catches the common slips in a filter: unbalanced quotes or parentheses.
    static func filterIssue(_ filter: String) -> String? {
        if filter.trimmingCharacters(in: .whitespaces).isEmpty { return "filterCriteria is empty; leave it out or write a condition" }
        var depth = 0
        var quote: Character?
        for character in filter {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 { return "filterCriteria has a ')' without a matching '('" }
            default: break
            }
        }
        if quote != nil { return "filterCriteria has an unclosed quote" }
        if depth != 0 { return "filterCriteria has an unclosed '('" }
        return nil
    }

    private static func problem(_ detail: String) -> Problem {
        Problem(detail: detail)
    }
}
