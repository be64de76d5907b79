import JSON
import MCP

/// `get_query_examples`: worked OpsQL request bodies, to read before writing a query.
enum GetQueryExamples {
    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: environment.names[.getQueryExamples],
            title: "OpsQL query examples",
            description: """
                Worked OpsQL request bodies for \(environment.names[.executeOpsQLQuery]) and a filterCriteria guide; \
                read before writing OpsQL.
                """,
            inputSchema: Schema.object([
                "category": Schema.string(
                    "Which examples.", enum: QueryExampleCatalog.categoryNames, default: "all"),
            ]),
            outputSchema: Schema.openObject([
                "category": Schema.plainString,
                // A body to send as execute_opsql_query's query, as it is.
                "examples": Schema.array(of: Schema.openObject(["question": Schema.plainString, "query": Schema.freeObject()])),
                "syntax": Schema.array(of: Schema.plainString),
            ]),
            annotations: ToolAnnotations(openWorld: false),
            handler: { arguments, _ in
                let category = arguments.string("category", default: "all")
                guard let examples = QueryExampleCatalog.examples(for: category) else {
                    // The schema's enum catches this first; kept so the handler is safe on its own.
                    return .failure("Unknown category \"\(category)\". Valid categories: \(QueryExampleCatalog.categoryNames.joined(separator: ", ")).")
                }
                return ToolOutput([
                    "category": .string(category),
                    "examples": .array(examples.map(\.json)),
                    "syntax": .array(QueryExampleCatalog.syntaxNotes.map(JSONValue.string)),
                ])
            })
    }
}
