import JSON
import MCP

/// `get_query_examples`: worked OpsQL request bodies, to read before writing a query.
enum GetQueryExamples {
    static func make() -> Tool {
        Tool(
            name: "get_query_examples",
            title: "OpsQL query examples",
            description: """
                Returns ready-to-run OpsQL request bodies for execute_opsql_query, grouped by category \
                (alerts, resources, topology), with a short guide to filterCriteria operators and relative times. \
                Call this before writing an OpsQL query. Works without an OpsRamp connection.
                """,
            inputSchema: Schema.object([
                "category": Schema.string(
                    "Which examples to return.", enum: QueryExampleCatalog.categoryNames, default: "all"),
            ]),
            outputSchema: Schema.openObject([
                "category": Schema.plainString,
                "examples": Schema.array(of: Schema.openObject([
                    "question": Schema.plainString,
                    "query": Schema.opsqlRequest,
                ], required: ["question", "query"])),
                "syntax": Schema.array(of: Schema.plainString),
            ], required: ["category", "examples", "syntax"]),
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
