import OpsRampJSON

/// Where the client is in the MCP lifecycle.
enum SessionState: Sendable {
    /// No `initialize` yet: only `initialize` and `ping` are served.
    case awaitingInitialize
    /// `initialize` answered. Requests are served from here on, without waiting for the client's
    /// `notifications/initialized`: hosts differ in when they send it, and refusing would gain nothing.
    case ready(revision: ProtocolRevision, client: ClientDescription)

    var revision: ProtocolRevision? {
        if case .ready(let revision, _) = self { return revision }
        return nil
    }
}

/// What the client told us about itself in `initialize`.
struct ClientDescription: Sendable {
    let name: String
    let version: String
}
