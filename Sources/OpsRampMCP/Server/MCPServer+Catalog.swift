import Foundation
import OpsRampJSON
import OpsRampSecrets

/// Handlers for what the `ServerCatalog` offers: paged lists, resource reads, prompts and completion.
extension MCPServer {
    /// One page of a list, with an opaque `nextCursor` when more follow.
    func page<Item>(_ items: [Item], key: String, params: [String: JSONValue], render: (Item) -> JSONValue) throws(JSONRPCError) -> JSONValue {
        var start = 0
        if let cursor = params["cursor"], !cursor.isNull {
            guard let text = cursor.stringValue, let offset = ListCursor.offset(from: text), offset <= items.count else {
                throw .invalidParams("Invalid params: \"cursor\" is not a cursor this server issued; list again without it")
            }
            start = offset
        }
        let end = min(items.count, start + options.listPageSize)
        var result: [String: JSONValue] = [key: .array(items[start..<end].map(render))]
        if end < items.count { result["nextCursor"] = .string(ListCursor.make(offset: end)) }
        return .object(result)
    }

    // MARK: - Resources

    func readResource(_ params: [String: JSONValue], revision: ProtocolRevision) throws -> JSONValue {
        guard let uri = params["uri"]?.stringValue else {
            throw JSONRPCError.invalidParams("Invalid params for resources/read: \"uri\" must be a string")
        }
        guard let document = catalog.resources.read(uri) else {
            let shown = Excerpt.of(uri)
            throw JSONRPCError(revision.resourceNotFoundCode, "Resource not found: \(shown)", data: ["uri": .string(shown)])
        }
        return ["contents": [["uri": .string(uri), "mimeType": .string(document.mimeType), "text": .string(document.text)]]]
    }

    // MARK: - Prompts

    func getPrompt(_ params: [String: JSONValue]) throws -> JSONValue {
        guard let name = params["name"]?.stringValue else {
            throw JSONRPCError.invalidParams("Invalid params for prompts/get: \"name\" must be a string")
        }
        guard let prompt = catalog.prompts.first(where: { $0.name == name }) else {
            throw JSONRPCError.invalidParams(
                "Unknown prompt: \"\(Excerpt.of(name))\". Available prompts: \(catalog.prompts.map(\.name).joined(separator: ", "))")
        }
        var arguments: [String: String] = [:]
        if let raw = params["arguments"], !raw.isNull {
            guard let object = raw.objectValue else {
                throw JSONRPCError.invalidParams("Invalid params for prompts/get: \"arguments\" must be an object of strings")
            }
            for (key, value) in object {
                guard prompt.arguments.contains(where: { $0.name == key }) else {
                    throw JSONRPCError.invalidParams(
                        "Prompt \(name) has no argument \"\(Excerpt.of(key))\"; "
                            + "its arguments: \(prompt.arguments.map(\.name).joined(separator: ", "))"
                    )
                }
                guard let text = value.stringValue else {
                    throw JSONRPCError.invalidParams("Prompt argument \"\(Excerpt.of(key))\" must be a string, got \(value.typeName)")
                }
                arguments[key] = text
            }
        }
        for argument in prompt.arguments where argument.required && (arguments[argument.name] ?? "").isEmpty {
            throw JSONRPCError.invalidParams("Prompt \(name) needs the argument \"\(argument.name)\": \(argument.description)")
        }
        let messages: [PromptMessage]
        do {
            messages = try prompt.render(arguments)
        } catch let error as PromptArgumentError {
            throw JSONRPCError.invalidParams(error.message)
        }
        return [
            "description": .string(prompt.description),
            "messages": .array(messages.map { ["role": .string($0.role.rawValue), "content": ["type": "text", "text": .string($0.text)]] }),
        ]
    }

    // MARK: - Completion

    func complete(_ params: [String: JSONValue]) throws -> JSONValue {
        guard let reference = params["ref"]?.objectValue, let type = reference["type"]?.stringValue else {
            throw JSONRPCError.invalidParams("Invalid params for completion/complete: \"ref\" must be an object with a \"type\"")
        }
        guard let argumentName = params["argument"]?["name"]?.stringValue, let typed = params["argument"]?["value"]?.stringValue else {
            throw JSONRPCError.invalidParams("Invalid params for completion/complete: \"argument\" must have string \"name\" and \"value\"")
        }
        let candidates: [String]
        switch type {
        case "ref/prompt":
            guard let name = reference["name"]?.stringValue, let prompt = catalog.prompts.first(where: { $0.name == name }) else {
                throw JSONRPCError.invalidParams(
                    "Unknown prompt in completion ref: \(reference["name"].map { Excerpt.of($0.stringValue ?? $0.description) } ?? "none")")
            }
            candidates = prompt.arguments.first(where: { $0.name == argumentName })?.suggestions ?? []
        case "ref/resource":
            guard let uri = reference["uri"]?.stringValue else {
                throw JSONRPCError.invalidParams("Invalid params for completion/complete: ref/resource needs a \"uri\"")
            }
            let template = catalog.resources.templates.first { $0.uriTemplate == uri }
            candidates = template?.variable == argumentName ? template?.values ?? [] : []
        default:
            throw JSONRPCError.invalidParams("Invalid params for completion/complete: unknown ref type \"\(Excerpt.of(type))\"")
        }
        let matches = candidates.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
        return [
            "completion": [
                "values": .array(matches.prefix(100).map(JSONValue.string)), "total": .int(matches.count), "hasMore": .bool(matches.count > 100),
            ]
        ]
    }
}
