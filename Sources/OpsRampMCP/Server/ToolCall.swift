import OpsRampJSON
import OpsRampLogging
import OpsRampSecrets
import OpsRampSupport

/// A validated `tools/call` request: the tool exists and the params have the right shape.
/// Whether the *arguments* fit the tool's schema is checked in `run`, because that is a
/// tool-level failure the model should see and fix (`isError: true`), not a protocol error.
struct ToolCall: Sendable {
    let tool: Tool
    let arguments: JSONValue

    init(params: [String: JSONValue], tools: ToolRegistry) throws(JSONRPCError) {
        guard let nameValue = params["name"] else {
            throw .invalidParams("Invalid params for tools/call: \"name\" is required")
        }
        guard let name = nameValue.stringValue else {
            throw .invalidParams("Invalid params for tools/call: \"name\" must be a string, got \(nameValue.typeName)")
        }
        guard let tool = tools.tool(named: name) else {
            throw .invalidParams(
                "Unknown tool: \"\(Excerpt.of(name))\". Available tools: \(tools.names.joined(separator: ", "))",
                data: ["availableTools": .array(tools.names.map(JSONValue.string))])
        }
        let arguments = params["arguments"] ?? .object([:])
        if !arguments.isNull, arguments.objectValue == nil {
            throw .invalidParams("Invalid params for tools/call: \"arguments\" must be an object, got \(arguments.typeName)")
        }
        self.tool = tool
        // An explicit null means "not given": clients built from schemas (mcp-use, for one) send
        // `"until": null` for every optional argument they leave unset.
        self.arguments = .object((arguments.objectValue ?? [:]).filter { !$0.value.isNull })
    }

    /// Violations listed in an error; the rest are only counted (hostile input can have millions).
    static let listedViolations = 5

    /// Runs the tool and renders a `CallToolResult`; `nil` when the call was cancelled.
    /// `maximumResultBytes` bounds error results as the tools bound their own results.
    func run(context: ToolContext, logger: Logger, maximumResultBytes: Int) async -> ToolResultRenderer.Rendered? {
        let (violations, total) = JSONSchemaValidator.validate(arguments, against: tool.inputSchema, limit: Self.listedViolations)
        if total > 0 {
            var listed = violations.map(\.description).joined(separator: "; ")
            if total > violations.count { listed += "; and \(total - violations.count) more" }
            logger.info("\(tool.name): rejected arguments: \(listed)")
            return ToolResultRenderer.rendered(
                .failure("Invalid arguments for \(tool.name): \(listed). Fix the arguments and call again; see the tool's inputSchema."),
                revision: context.revision, notice: tool.notice, maximumErrorBytes: maximumResultBytes)
        }
        let started = ContinuousClock.now
        let output: ToolOutput
        do {
            output = try await tool.handler(ToolArguments(arguments.objectValue ?? [:]), context)
        } catch is CancellationError {
            return nil
        } catch let error as UserFacingError {
            if Task.isCancelled { return nil }
            output = .failure(error.userMessage)
        } catch {
            if Task.isCancelled { return nil }
            logger.error("\(tool.name) failed unexpectedly: \(error)")
            output = .failure("\(tool.name) failed unexpectedly: \(error). This is a bug in the server; please report it.")
        }
        if Task.isCancelled { return nil }
        let elapsed = ContinuousClock.now - started
        logger.info("\(tool.name) \(output.isError ? "failed" : "succeeded") in \(elapsed.milliseconds) ms")
        return ToolResultRenderer.rendered(output, revision: context.revision, notice: tool.notice, maximumErrorBytes: maximumResultBytes)
    }
}
