import OpsRampJSON

/// Hints about a tool's behaviour, shown to hosts from revision 2025-03-26 on.
public struct ToolAnnotations: Sendable {
    var readOnly: Bool
    var destructive: Bool
    var idempotent: Bool
    /// True when the tool talks to an outside system (OpsRamp) rather than local data.
    public var openWorld: Bool

    public init(readOnly: Bool = true, destructive: Bool = false, idempotent: Bool = true, openWorld: Bool) {
        self.readOnly = readOnly
        self.destructive = destructive
        self.idempotent = idempotent
        self.openWorld = openWorld
    }

    func json(title: String?) -> JSONValue {
        var object: [String: JSONValue] = [
            "readOnlyHint": .bool(readOnly),
            "destructiveHint": .bool(destructive),
        ]
        // MCP reads idempotentHint only for tools that write, and openWorldHint is true unless said otherwise:
        // neither needs sending when it says nothing new.
        if !readOnly { object["idempotentHint"] = .bool(idempotent) }
        if !openWorld { object["openWorldHint"] = false }
        object.setIfPresent("title", title.map(JSONValue.string))
        return .object(object)
    }
}

/// A tool as data: what the model sees, and the code that runs when it is called.
public struct Tool: Sendable {
    public typealias Handler = @Sendable (ToolArguments, ToolContext) async throws -> ToolOutput

    public let name: String
    public let title: String
    public let description: String
    /// JSON Schema of the `arguments` object; validated before `handler` runs.
    public let inputSchema: JSONValue
    /// JSON Schema of `structuredContent`, when the tool's result is structured.
    public let outputSchema: JSONValue?
    public let annotations: ToolAnnotations
    public let handler: Handler
    /// A sentence every result of this tool carries, errors included (see `withNotice`).
    public let notice: String?

    public init(
        name: String, title: String, description: String, inputSchema: JSONValue,
        outputSchema: JSONValue? = nil, annotations: ToolAnnotations, notice: String? = nil, handler: @escaping Handler
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.notice = notice
        self.handler = handler
    }

    /// The `tools/list` entry, shaped for the negotiated revision.
    func listing(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "description": .string(description),
            "inputSchema": inputSchema,
        ]
        if revision.hasTitles {
            object["title"] = .string(title)
            object.setIfPresent("outputSchema", outputSchema)
        }
        if revision.hasToolAnnotations {
            object["annotations"] = annotations.json(title: revision.hasTitles ? nil : title)
        }
        return .object(object)
    }
}
