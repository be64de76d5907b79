/// The first half of routing, with no I/O: may this request be served in the session's current state,
/// and if so by which handler and under which protocol revision. `MCPServer.route` carries the decision out.
///
/// The rules: `initialize` only once; `ping` in every handshake state but not in the stateless revision;
/// a request with the stateless envelope is served under the revision it names (except the methods that
/// revision dropped); any other request needs an `initialize` first.
enum Admission: Equatable, Sendable {
    /// Start the session.
    case initialize
    /// Answer `{}`: a handshake `ping`, before or after `initialize`.
    case ping
    /// Run this handler under this revision.
    case serve(Handler, revision: ProtocolRevision)
    /// Refuse with this error.
    case refuse(JSONRPCError)

    /// The handler of a request served under a revision's rules.
    enum Handler: Equatable, Sendable {
        case discover, listTools, callTool, listResources, listResourceTemplates, readResource
        case listPrompts, getPrompt, complete, setLogLevel
    }

    /// - Parameters:
    ///   - method: the method the request names.
    ///   - envelope: the revision named in the request's stateless `_meta`, `nil` when it has none.
    ///   - state: where the session is in the handshake lifecycle.
    /// - Returns: the handler and revision to serve the request with, or the error that refuses it.
    static func decide(_ method: MCPMethod, envelope: ProtocolRevision?, state: SessionState) -> Admission {
        func served(_ handler: Handler) -> Admission {
            if let revision = envelope ?? state.revision { return .serve(handler, revision: revision) }
            return .refuse(JSONRPCError(.invalidRequest, "Server not initialized: send \"initialize\" before \"\(method.rawValue)\""))
        }
        func dropped(in revision: ProtocolRevision) -> Admission {
            .refuse(JSONRPCError(.methodNotFound, "Method not found: \(method.rawValue) does not exist in protocol revision \(revision.rawValue)"))
        }
        switch method {
        case .initialize:
            // Its own rules, whatever its `_meta` says.
            guard state.revision == nil else {
                return .refuse(JSONRPCError(.invalidRequest, "Already initialized: \"initialize\" may be sent only once per session"))
            }
            return .initialize
        case .ping:
            return envelope.map(dropped(in:)) ?? .ping
        case .loggingSetLevel:
            return envelope.map(dropped(in:)) ?? served(.setLogLevel)
        case .serverDiscover:
            guard let envelope else {
                return .refuse(
                    .invalidParams(
                        "Invalid params for server/discover: _meta must carry \"\(RequestContext.MetaKey.protocolVersion)\""
                            + " and \"\(RequestContext.MetaKey.clientCapabilities)\""))
            }
            return .serve(.discover, revision: envelope)
        case .toolsList: return served(.listTools)
        case .toolsCall: return served(.callTool)
        case .resourcesList: return served(.listResources)
        case .resourcesTemplatesList: return served(.listResourceTemplates)
        case .resourcesRead: return served(.readResource)
        case .promptsList: return served(.listPrompts)
        case .promptsGet: return served(.getPrompt)
        case .completionComplete: return served(.complete)
        }
    }
}
