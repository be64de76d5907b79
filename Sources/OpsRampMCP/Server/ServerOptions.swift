/// Settings of the protocol layer that do not come from the client.
public struct ServerOptions: Sendable {
    /// Largest accepted message line; longer lines get `-32600` without being buffered.
    public var maximumMessageBytes: Int
    /// Nesting limit for incoming JSON.
    var maximumJSONDepth: Int
    /// How long in-flight requests may run after stdin closes before they are cancelled.
    var shutdownGrace: Duration
    /// Items per page of `tools/list`, `resources/list`, `prompts/list`.
    public var listPageSize: Int
    /// Largest error text of a tool result, in bytes (the tools bound their own results to the same size).
    public var maximumResultBytes: Int
    /// Run as each tool call starts, and after its answer is written (the executable uses them to give
    /// freed memory back when no call is running).
    public var beforeToolCall: (@Sendable () -> Void)?
    public var afterToolCall: (@Sendable () -> Void)?

    public init(
        maximumMessageBytes: Int = 16 * 1024 * 1024, maximumJSONDepth: Int = 128,
        shutdownGrace: Duration = .seconds(1), listPageSize: Int = 100, maximumResultBytes: Int = 40_000,
        beforeToolCall: (@Sendable () -> Void)? = nil, afterToolCall: (@Sendable () -> Void)? = nil
    ) {
        self.beforeToolCall = beforeToolCall
        self.afterToolCall = afterToolCall
        self.maximumMessageBytes = maximumMessageBytes
        self.maximumJSONDepth = maximumJSONDepth
        self.shutdownGrace = shutdownGrace
        self.listPageSize = max(1, listPageSize)
        self.maximumResultBytes = max(1_000, maximumResultBytes)
    }
}
