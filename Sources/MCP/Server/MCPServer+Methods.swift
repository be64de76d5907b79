import Foundation
import JSON
import Logging

/// Method routing: which rules apply to a request, and the handler for each method.
extension MCPServer {
    enum Outcome {
        /// The finished result object.
        case result(JSONValue)
        /// A tool call to run in its own task.
        case toolCall(ToolCall, RequestContext)
    }

    /// Picks the rules for the request (stateless envelope or the session's handshake) and runs its handler.
    func route(_ name: String, params rawParams: JSONValue?) throws -> Outcome {
        guard let method = MCPMethod(rawValue: name) else {
            throw JSONRPCError(.methodNotFound, "Method not found: \(name.count > 100 ? name.prefix(100) + "..." : name)")
        }
        let params = try Self.paramsObject(rawParams, method: name)
        if method == .initialize {
            return .result(try initialize(params))
        }

        let context: RequestContext
        if RequestContext.isStateless(params) {
            context = try RequestContext.stateless(params, method: name)
            if method == .ping || method == .loggingSetLevel {
                throw JSONRPCError(.methodNotFound, "Method not found: \(name) does not exist in protocol revision \(context.revision.rawValue)")
            }
        } else if method == .ping {
            return .result(.object([:]))
        } else if method == .serverDiscover {
            throw JSONRPCError.invalidParams("Invalid params for server/discover: _meta must carry \"\(RequestContext.MetaKey.protocolVersion)\""
                + " and \"\(RequestContext.MetaKey.clientCapabilities)\"")
        } else if let revision = state.revision {
            context = RequestContext(revision: revision, clientLogLevel: nil, progressToken: RequestContext.progressToken(params))
        } else {
            throw JSONRPCError(.invalidRequest, "Server not initialized: send \"initialize\" before \"\(name)\"")
        }

        let revision = context.revision
        func finished(_ result: JSONValue, cacheable: Bool = false) -> Outcome {
            .result(context.finish(result, cacheable: cacheable, identity: identity))
        }
        switch method {
        case .initialize, .ping:
            return .result(.object([:])) // handled above
        case .serverDiscover:
            return finished(discover(), cacheable: true)
        case .toolsList:
            return finished(try page(catalog.tools.tools, key: "tools", params: params) { $0.listing(for: revision) }, cacheable: true)
        case .toolsCall:
            return .toolCall(try ToolCall(params: params, tools: catalog.tools), context)
        case .resourcesList:
            return finished(try page(catalog.resources.resources, key: "resources", params: params) { $0.listing(for: revision) }, cacheable: true)
        case .resourcesTemplatesList:
            return finished(try page(catalog.resources.templates, key: "resourceTemplates", params: params) { $0.listing(for: revision) }, cacheable: true)
        case .resourcesRead:
            return finished(try readResource(params, revision: revision), cacheable: true)
        case .promptsList:
            return finished(try page(catalog.prompts, key: "prompts", params: params) { $0.listing(for: revision) }, cacheable: true)
        case .promptsGet:
            return finished(try getPrompt(params))
        case .completionComplete:
            return finished(try complete(params))
        case .loggingSetLevel:
            return finished(try setLogLevel(params))
        }
    }

    /// MCP params are objects; absent params mean an empty object.
    static func paramsObject(_ params: JSONValue?, method: String) throws(JSONRPCError) -> [String: JSONValue] {
        switch params {
        case nil: return [:]
        case .object(let object)?: return object
        case let other?: throw .invalidParams("Invalid params for \(method): expected an object, got \(other.typeName)")
        }
    }

    // MARK: - Lifecycle

    func initialize(_ params: [String: JSONValue]) throws -> JSONValue {
        if case .ready = state {
            throw JSONRPCError(.invalidRequest, "Already initialized: \"initialize\" may be sent only once per session")
        }
        guard let requested = params["protocolVersion"]?.stringValue else {
            throw JSONRPCError.invalidParams("Invalid params for initialize: \"protocolVersion\" must be a string such as \"\(ProtocolRevision.latestHandshake.rawValue)\"")
        }
        if let capabilities = params["capabilities"], capabilities.objectValue == nil {
            throw JSONRPCError.invalidParams("Invalid params for initialize: \"capabilities\" must be an object")
        }
        let known = ProtocolRevision(rawValue: requested)
        let revision = known.flatMap { $0.isStateless ? nil : $0 } ?? .latestHandshake
        let clientInfo = params["clientInfo"]
        let client = ClientDescription(
            name: clientInfo?["name"]?.stringValue ?? "unknown",
            version: clientInfo?["version"]?.stringValue ?? "unknown",
            capabilities: params["capabilities"]?.objectValue ?? [:])
        state = .ready(revision: revision, client: client, initialized: false)
        logger.info("session started: client \(client.name) \(client.version), protocol \(revision.rawValue)"
            + (revision.rawValue == requested ? "" : " (client asked for \(requested))"))

        var result: [String: JSONValue] = [
            "protocolVersion": .string(revision.rawValue),
            "capabilities": capabilities(for: revision),
            "serverInfo": identity.json(for: revision),
        ]
        result.setIfPresent("instructions", identity.instructions.map(JSONValue.string))
        return .object(result)
    }

    /// `server/discover` (2026-07-28): what a stateless client needs to know up front.
    func discover() -> JSONValue {
        var result: [String: JSONValue] = [
            "supportedVersions": .array(ProtocolRevision.allCases.reversed().map { .string($0.rawValue) }),
            "capabilities": capabilities(for: .v2026_07_28),
        ]
        result.setIfPresent("instructions", identity.instructions.map(JSONValue.string))
        return .object(result)
    }

    /// Only what this server really implements; nothing changes at run time, so no `listChanged`.
    func capabilities(for revision: ProtocolRevision) -> JSONValue {
        var capabilities: [String: JSONValue] = [
            "tools": ["listChanged": false],
            "logging": [:],
        ]
        if !catalog.resources.resources.isEmpty || !catalog.resources.templates.isEmpty {
            capabilities["resources"] = ["subscribe": false, "listChanged": false]
        }
        if !catalog.prompts.isEmpty { capabilities["prompts"] = ["listChanged": false] }
        if revision.hasCompletions { capabilities["completions"] = [:] }
        return .object(capabilities)
    }

    // MARK: - Lists

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
            throw JSONRPCError(revision.resourceNotFoundCode, "Resource not found: \(uri)", data: ["uri": .string(uri)])
        }
        return ["contents": [["uri": .string(uri), "mimeType": .string(document.mimeType), "text": .string(document.text)]]]
    }

    // MARK: - Prompts

    func getPrompt(_ params: [String: JSONValue]) throws -> JSONValue {
        guard let name = params["name"]?.stringValue else {
            throw JSONRPCError.invalidParams("Invalid params for prompts/get: \"name\" must be a string")
        }
        guard let prompt = catalog.prompts.first(where: { $0.name == name }) else {
            throw JSONRPCError.invalidParams("Unknown prompt: \"\(name)\". Available prompts: \(catalog.prompts.map(\.name).joined(separator: ", "))")
        }
        var arguments: [String: String] = [:]
        if let raw = params["arguments"], !raw.isNull {
            guard let object = raw.objectValue else {
                throw JSONRPCError.invalidParams("Invalid params for prompts/get: \"arguments\" must be an object of strings")
            }
            for (key, value) in object {
                guard prompt.arguments.contains(where: { $0.name == key }) else {
                    throw JSONRPCError.invalidParams("Prompt \(name) has no argument \"\(key)\"; its arguments: \(prompt.arguments.map(\.name).joined(separator: ", "))")
                }
                guard let text = value.stringValue else {
                    throw JSONRPCError.invalidParams("Prompt argument \"\(key)\" must be a string, got \(value.typeName)")
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
                throw JSONRPCError.invalidParams("Unknown prompt in completion ref: \(reference["name"]?.description ?? "none")")
            }
            candidates = prompt.arguments.first(where: { $0.name == argumentName })?.suggestions ?? []
        case "ref/resource":
            guard let uri = reference["uri"]?.stringValue else {
                throw JSONRPCError.invalidParams("Invalid params for completion/complete: ref/resource needs a \"uri\"")
            }
            let template = catalog.resources.templates.first { $0.uriTemplate == uri }
            candidates = template?.variable == argumentName ? template?.values ?? [] : []
        default:
            throw JSONRPCError.invalidParams("Invalid params for completion/complete: unknown ref type \"\(type)\"")
        }
        let matches = candidates.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
        return ["completion": ["values": .array(matches.prefix(100).map(JSONValue.string)), "total": .int(matches.count), "hasMore": .bool(matches.count > 100)]]
    }

    // MARK: - Logging

    func setLogLevel(_ params: [String: JSONValue]) throws -> JSONValue {
        guard let name = params["level"]?.stringValue, let level = LogLevel(name: name) else {
            throw JSONRPCError.invalidParams("Invalid params for logging/setLevel: \"level\" must be one of "
                + LogLevel.allCases.map(\.description).joined(separator: ", "))
        }
        clientLog.setSessionLevel(level)
        logger.info("client log level set to \(level)")
        return .object([:])
    }
}

/// Opaque list cursors: an offset, wrapped so clients do not build their own.
enum ListCursor {
    static func make(offset: Int) -> String {
        Data("page:\(offset)".utf8).base64EncodedString()
    }

    static func offset(from cursor: String) -> Int? {
        guard let bytes = Data(base64Encoded: cursor) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("page:"), let offset = Int(text.dropFirst(5)), offset >= 0 else { return nil }
        return offset
    }
}
