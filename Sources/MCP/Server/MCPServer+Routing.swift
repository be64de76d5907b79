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
}
