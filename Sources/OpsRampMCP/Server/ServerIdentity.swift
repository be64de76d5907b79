import OpsRampJSON

/// Who the server says it is in `initialize`, and the guidance it gives the model.
public struct ServerIdentity: Sendable {
    public let name: String
    public let title: String
    public let version: String
    /// Optional `instructions` for the model: how to use the tools well.
    public let instructions: String?

    public init(name: String, title: String, version: String, instructions: String?) {
        self.name = name
        self.title = title
        self.version = version
        self.instructions = instructions
    }

    func json(for revision: ProtocolRevision) -> JSONValue {
        var info: [String: JSONValue] = ["name": .string(name), "version": .string(version)]
        if revision.hasTitles { info["title"] = .string(title) }
        return .object(info)
    }
}
