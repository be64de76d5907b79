import Foundation
import OpsRampJSON

/// Method routing in one pass: parse the method and params, ask `Admission` whether and how the request
/// is served, then run the handler it names.
extension MCPServer {
    /// The answer to one request: its result, an error (thrown), or a tool call started in its own task.
    func route(_ name: String, id: RequestID, params rawParams: JSONValue?, inBatch: Bool) throws -> Answer {
        guard let method = MCPMethod(rawValue: name) else {
            throw JSONRPCError(.methodNotFound, "Method not found: \(name.count > 100 ? name.prefix(100) + "..." : name)")
        }
        let params = try Self.paramsObject(rawParams, method: name)
        // `initialize` starts a session under its own rules, so its `_meta` is not read as an envelope.
        let envelope =
            method != .initialize && RequestContext.isStateless(params)
            ? try RequestContext.stateless(params, method: name) : nil
        switch Admission.decide(method, envelope: envelope?.revision, state: state) {
        case .refuse(let error):
            throw error
        case .initialize:
            return .now(OutgoingMessage.result(id: id, try initialize(params)))
        case .ping:
            return .now(OutgoingMessage.result(id: id, .object([:])))
        case .serve(let handler, let revision):
            let context =
                envelope
                ?? RequestContext(revision: revision, clientLogLevel: nil, progressToken: RequestContext.progressToken(params))
            return try run(handler, id: id, params: params, context: context, inBatch: inBatch)
        }
    }

    /// Runs the handler `Admission` chose, under the request's context.
    private func run(
        _ handler: Admission.Handler, id: RequestID, params: [String: JSONValue], context: RequestContext,
        inBatch: Bool
    ) throws -> Answer {
        let revision = context.revision
        /// `cacheable` marks lists and documents (caching hints in the stateless revision).
        func finished(_ result: JSONValue, cacheable: Bool = false) -> Answer {
            .now(OutgoingMessage.result(id: id, context.finish(result, cacheable: cacheable, identity: identity)))
        }
        switch handler {
        case .discover:
            return finished(discover(), cacheable: true)
        case .listTools:
            return finished(try page(catalog.tools.tools, key: "tools", params: params) { $0.listing(for: revision) }, cacheable: true)
        case .callTool:
            return startToolCall(try ToolCall(params: params, tools: catalog.tools), id: id, context: context, writesAnswer: !inBatch)
        case .listResources:
            return finished(try page(catalog.resources.resources, key: "resources", params: params) { $0.listing(for: revision) }, cacheable: true)
        case .listResourceTemplates:
            return finished(
                try page(catalog.resources.templates, key: "resourceTemplates", params: params) { $0.listing(for: revision) },
                cacheable: true)
        case .readResource:
            return finished(try readResource(params, revision: revision), cacheable: true)
        case .listPrompts:
            return finished(try page(catalog.prompts, key: "prompts", params: params) { $0.listing(for: revision) }, cacheable: true)
        case .getPrompt:
            return finished(try getPrompt(params))
        case .complete:
            return finished(try complete(params))
        case .setLogLevel:
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
