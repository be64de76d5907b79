/// The MCP methods and notifications this server understands.
enum MCPMethod: String, Sendable, CaseIterable {
    case initialize
    case ping
    case toolsList = "tools/list"
    case toolsCall = "tools/call"
    case resourcesList = "resources/list"
    case resourcesRead = "resources/read"
    case resourcesTemplatesList = "resources/templates/list"
    case promptsList = "prompts/list"
    case promptsGet = "prompts/get"
    case completionComplete = "completion/complete"
    case loggingSetLevel = "logging/setLevel"
    case serverDiscover = "server/discover"
}

/// Notifications the client may send.
enum ClientNotification: String, Sendable {
    case initialized = "notifications/initialized"
    case cancelled = "notifications/cancelled"
    case rootsListChanged = "notifications/roots/list_changed"
    case progress = "notifications/progress"
}

/// Notifications the server sends.
enum ServerNotification: String, Sendable {
    case progress = "notifications/progress"
    case message = "notifications/message"
}
