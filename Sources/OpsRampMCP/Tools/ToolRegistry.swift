import OpsRampJSON

/// The tools this server exposes, in listing order, with lookup by name.
public struct ToolRegistry: Sendable {
    public let tools: [Tool]
    private let index: [String: Int]

    public init(_ tools: [Tool]) {
        var seen: [String: Int] = [:]
        var unique: [Tool] = []
        for tool in tools where seen[tool.name] == nil {
            seen[tool.name] = unique.count
            unique.append(tool)
        }
        self.tools = unique
        index = seen
    }

    func tool(named name: String) -> Tool? {
        index[name].map { tools[$0] }
    }

    public var names: [String] { tools.map(\.name) }
}
