import OpsRampJSON

extension Tool {
    /// The key of the notice in `structuredContent` (and in the JSON text).
    public static let noticeKey = "notice"

    /// The same tool, with `notice` in every result: a `notice` member of the structured result
    /// and its JSON text, declared (and required) in the output schema, and a last sentence of every
    /// error's text. `--demo` uses it to say on every answer that the data is sample data; doing it
    /// here, once, means no tool can forget it.
    public func withNotice(_ notice: String) -> Tool {
        Tool(
            name: name, title: title, description: description, inputSchema: inputSchema,
            outputSchema: outputSchema.map { Self.declaringNotice(in: $0, notice: notice) }, annotations: annotations,
            notice: notice, handler: handler)
    }

    /// `schema` with a required string property `notice` that must hold exactly `notice`.
    static func declaringNotice(in schema: JSONValue, notice: String) -> JSONValue {
        guard case .object(var members) = schema else { return schema }
        var properties = members["properties"]?.objectValue ?? [:]
        properties[noticeKey] = ["type": "string", "const": .string(notice), "description": "says where the data comes from"]
        members["properties"] = .object(properties)
        var required = members["required"]?.arrayValue ?? []
        if !required.contains(.string(noticeKey)) { required.append(.string(noticeKey)) }
        members["required"] = .array(required)
        return .object(members)
    }
}
