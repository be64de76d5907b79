import OpsRampJSON
import OpsRampLogging
import Synchronization

@testable import OpsRampMCP

/// Collects what the server writes, for assertions.
final class CollectingSink: MessageSink {
    private let messages = Mutex<[JSONValue]>([])

    func send(_ message: JSONValue) {
        messages.withLock { $0.append(message) }
    }

    var all: [JSONValue] { messages.withLock { $0 } }

    /// Waits until at least `count` messages arrived (or fails after `timeout` seconds).
    func waitFor(_ count: Int, timeout: Double = 5) async -> [JSONValue] {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while all.count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return all
    }

    func response(id: JSONValue) -> JSONValue? {
        all.first { $0["id"] == id && $0["method"] == nil }
    }

    func response(id: Int) -> JSONValue? {
        response(id: .int(id))
    }
}

/// Tools for exercising the dispatcher without OpsRamp.
enum TestTools {
    static let echo = Tool(
        name: "echo", title: "Echo", description: "Returns its text.",
        inputSchema: ["type": "object", "properties": ["text": ["type": "string"]], "required": ["text"], "additionalProperties": false],
        annotations: ToolAnnotations(openWorld: false),
        handler: { arguments, _ in ToolOutput(["text": .string(arguments.string("text") ?? "")]) })

    /// Sleeps `seconds` (cancellable), reporting progress twice.
    static let slow = Tool(
        name: "slow", title: "Slow", description: "Sleeps.",
        inputSchema: ["type": "object", "properties": ["seconds": ["type": "number"]], "additionalProperties": false],
        annotations: ToolAnnotations(openWorld: false),
        handler: { arguments, context in
            context.progress.report(0, total: 1, message: "starting")
            try await Task.sleep(for: .milliseconds(Int((arguments["seconds"]?.doubleValue ?? 1) * 1000)))
            context.progress.report(1, total: 1, message: "done")
            return ToolOutput(["slept": true])
        })

    static let failing = Tool(
        name: "fail", title: "Fail", description: "Always fails.",
        inputSchema: ["type": "object", "additionalProperties": false],
        annotations: ToolAnnotations(openWorld: false),
        handler: { _, _ in throw ToolFailure("It failed; do something else.") })

    static let registry = ToolRegistry([echo, slow, failing])
}

/// A resource, a template and a prompt for the protocol tests.
enum TestCatalog {
    static let resources = ResourceCatalog(
        resources: [Resource(uri: "test://hello", name: "hello", title: "Hello", description: "Greets.", mimeType: "text/plain", text: { "hello" })],
        templates: [
            ResourceTemplate(
                uriTemplate: "test://colors/{color}", name: "colors", title: "Colors", description: "One color.",
                mimeType: "text/plain", values: ["red", "green", "grey"], text: { ["red", "green", "grey"].contains($0) ? "color \($0)" : nil })
        ])

    static let prompts = [
        Prompt(
            name: "greet", title: "Greet", description: "Greets someone.",
            arguments: [
                PromptArgument(name: "who", description: "Whom to greet.", required: true, suggestions: ["world", "wally", "team"]),
                PromptArgument(name: "tone", description: "warm or cool", suggestions: ["warm", "cool"]),
            ],
            render: { arguments in
                if let tone = arguments["tone"], !["warm", "cool"].contains(tone) { throw PromptArgumentError("tone must be warm or cool") }
                return [PromptMessage(role: .user, text: "Say hello to \(arguments["who"] ?? "")")]
            })
    ]
}

func makeServer(
    sink: CollectingSink, tools: ToolRegistry = TestTools.registry, pageSize: Int = 100,
    shutdownGrace: Duration = .milliseconds(500)
) -> MCPServer {
    MCPServer(
        identity: ServerIdentity(name: "test-server", title: "Test", version: "9.9.9", instructions: "Use the tools."),
        catalog: ServerCatalog(tools: tools, resources: TestCatalog.resources, prompts: TestCatalog.prompts),
        options: ServerOptions(shutdownGrace: shutdownGrace, listPageSize: pageSize),
        logger: Logger(label: "test", backend: LogBackend(level: .emergency)),
        sink: sink)
}
