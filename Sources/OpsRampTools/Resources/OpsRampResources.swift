import OpsRampJSON
import OpsRampMCP

/// The documents the server offers as MCP resources: OpsQL examples and references.
public enum OpsRampResources {
    /// The documents, naming the tools as `names` says.
    public static func catalog(_ names: ToolNames = ToolNames()) -> ResourceCatalog {
        ResourceCatalog(
            resources: [
                Resource(
                    uri: "opsql://examples", name: "opsql-examples", title: "OpsQL query examples",
                    description: "Every OpsQL example request body (alerts, resources, topology) with the syntax guide, as JSON.",
                    mimeType: "application/json", text: { examplesJSON(category: "all") ?? "{}" }),
                Resource(
                    uri: "opsql://reference", name: "opsql-reference", title: "OpsQL field reference",
                    description:
                        "OpsQL request fields, filterCriteria operators, relative times and the attributes of alerts, resources and topology.",
                    mimeType: "text/markdown", text: { OpsQLReference.markdown(names) }),
                Resource(
                    uri: "opsramp://query-string-reference", name: "query-string-reference", title: "OpsRamp queryString keys",
                    description: "The queryString syntax and keys accepted by alert search and resource lookups.",
                    mimeType: "text/markdown", text: { OpsQLReference.queryStringMarkdown(names) }),
            ],
            templates: [
                ResourceTemplate(
                    uriTemplate: "opsql://examples/{category}", name: "opsql-examples-by-category", title: "OpsQL examples by category",
                    description: "OpsQL examples for one category: alerts, resources or topology.",
                    mimeType: "application/json", values: QueryExampleCatalog.Category.allCases.map(\.rawValue),
                    text: { examplesJSON(category: $0) })
            ])
    }

    static func examplesJSON(category: String) -> String? {
        guard let examples = QueryExampleCatalog.examples(for: category) else { return nil }
        return JSONWriter.string([
            "category": .string(category),
            "examples": .array(examples.map(\.json)),
            "syntax": .array(QueryExampleCatalog.syntaxNotes.map(JSONValue.string)),
        ])
    }
}
