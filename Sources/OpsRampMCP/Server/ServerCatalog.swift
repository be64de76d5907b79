/// What the server offers besides its identity.
public struct ServerCatalog: Sendable {
    public let tools: ToolRegistry
    public let resources: ResourceCatalog
    public let prompts: [Prompt]

    public init(tools: ToolRegistry, resources: ResourceCatalog = .empty, prompts: [Prompt] = []) {
        self.tools = tools
        self.resources = resources
        self.prompts = prompts
    }
}
