import OpsRampJSON
import OpsRampMCP

/// `get_query_examples`: worked OpsQL request bodies, to read before writing a query. Capped like
/// every answer: examples that do not fit are left for `next` (the same category, from `offset`).
enum GetQueryExamples {
    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: environment.names[.getQueryExamples],
            title: "OpsQL query examples",
            description: """
                OpsQL request bodies that work\(environment.names.available(.executeOpsQLQuery).map { " in \($0)" } ?? ""), and a \
                filterCriteria guide; read before writing OpsQL.
                """,
            inputSchema: Schema.object([
                "category": Schema.string(
                    "Which examples.", enum: QueryExampleCatalog.categoryNames, default: "all"),
                "offset": Schema.offset,
            ]),
            outputSchema: Schema.openObject([
                "category": Schema.plainString,
                // A body to send as execute_opsql_query's query, as it is.
                "examples": Schema.array(of: Schema.openObject(["question": Schema.plainString, "query": Schema.freeObject()])),
                "syntax": Schema.array(of: Schema.plainString),
                "truncated": Schema.plainString,
                "next": Continuation.schema,
            ]),
            annotations: ToolAnnotations(openWorld: false),
            handler: { arguments, _ in
                let category = arguments.string("category", default: "all")
                guard let examples = QueryExampleCatalog.examples(for: category) else {
                    // The schema's enum catches this first; kept so the handler is safe on its own.
                    return .failure(
                        "Unknown category \"\(category)\". Valid categories: \(QueryExampleCatalog.categoryNames.joined(separator: ", ")).")
                }
                return answer(examples, category: category, arguments: arguments, environment: environment)
            })
    }

    /// The examples from `offset` on, as many as fit; the syntax guide comes with the first answer.
    static func answer(
        _ examples: [QueryExampleCatalog.Example], category: String, arguments: ToolArguments,
        environment: ToolEnvironment
    ) -> ToolOutput {
        let start = max(0, arguments.int("offset", default: 0))
        let shown = examples.dropFirst(start).map(\.json)
        return ResultBudget.fit(shown, maxBytes: environment.maxResultBytes) { kept, dropped in
            var result: [String: JSONValue] = ["category": .string(category), "examples": .array(kept)]
            if start == 0 { result["syntax"] = .array(QueryExampleCatalog.syntaxNotes.map(JSONValue.string)) }
            // An answer that holds no example would send next round in circles; it cannot happen at the smallest cap.
            if dropped > 0, !kept.isEmpty {
                result["truncated"] = .string("\(dropped) more examples did not fit in \(environment.maxResultBytes) bytes; next shows them.")
                result["next"] =
                    Continuation(
                        tool: environment.names[.getQueryExamples], original: arguments, window: nil,
                        changes: ["category": .string(category), "offset": .int(start + kept.count)]
                    ).json
            }
            return result
        }
    }
}
