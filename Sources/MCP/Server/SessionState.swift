import JSON

/// Where the client is in the MCP lifecycle.
enum SessionState: Sendable {
    /// No `initialize` yet: only `initialize` and `ping` are served.
    case awaitingInitialize
    /// `initialize` answered; `initialized` tells whether the client confirmed with its notification.
    case ready(revision: ProtocolRevision, client: ClientDescription, initialized: Bool)

    var revision: ProtocolRevision? {
        if case .ready(let revision, _, _) = self { return revision }
        return nil
    }
}

/// What the client told us about itself in `initialize`.
struct ClientDescription: Sendable {
    let name: String
    let version: String
    let capabilities: [String: JSONValue]
}
