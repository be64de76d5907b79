import OpsRampJSON

/// One argument of a prompt.
public struct PromptArgument: Sendable {
    public let name: String
    public let description: String
    public let required: Bool
    /// Fixed values offered by `completion/complete`; empty when the value is free text.
    public let suggestions: [String]

    public init(name: String, description: String, required: Bool = false, suggestions: [String] = []) {
        self.name = name
        self.description = description
        self.required = required
        self.suggestions = suggestions
    }
}

/// A message a prompt produces.
public struct PromptMessage: Sendable {
    public enum Role: String, Sendable { case user, assistant }
    public let role: Role
    public let text: String

    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }
}

/// A ready-made question for the model, with arguments (`prompts/list`, `prompts/get`).
public struct Prompt: Sendable {
    /// Builds the messages; throws `PromptArgumentError` for a value it cannot use.
    public typealias Render = @Sendable (_ arguments: [String: String]) throws -> [PromptMessage]

    public let name: String
    public let title: String
    public let description: String
    public let arguments: [PromptArgument]
    public let render: Render

    public init(name: String, title: String, description: String, arguments: [PromptArgument], render: @escaping Render) {
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
        self.render = render
    }

    func listing(for revision: ProtocolRevision) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "description": .string(description),
            "arguments": .array(
                arguments.map { argument in
                    ["name": .string(argument.name), "description": .string(argument.description), "required": .bool(argument.required)]
                }),
        ]
        if revision.hasTitles { object["title"] = .string(title) }
        return .object(object)
    }
}

/// A prompt argument value the prompt cannot use; answered with `-32602`.
public struct PromptArgumentError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
