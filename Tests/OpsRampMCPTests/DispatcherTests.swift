import OpsRampJSON
import OpsRampLogging
import Testing

@testable import OpsRampMCP

@Suite("Dispatcher: JSON-RPC rules and MCP lifecycle")
struct DispatcherTests {
    func errorCode(_ message: JSONValue?) -> Int? {
        message?["error"]?["code"]?.intValue
    }

    @Test("initialize answers the client's revision when supported", arguments: ProtocolRevision.handshakeRevisions)
    func negotiatesSupportedRevision(_ revision: ProtocolRevision) async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake(revision.rawValue)
        let result = await sink.waitFor(1).first?["result"]
        #expect(result?["protocolVersion"] == .string(revision.rawValue))
        #expect(result?["serverInfo"]?["name"] == "test-server")
        #expect(result?["serverInfo"]?["version"] == "9.9.9")
        #expect(result?["capabilities"]?["tools"] != nil)
        #expect(result?["instructions"] == "Use the tools.")
    }

    @Test("an unknown revision gets the latest supported one")
    func negotiatesUnknownRevision() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake("2023-01-01")
        #expect(await sink.waitFor(1).first?["result"]?["protocolVersion"] == .string(ProtocolRevision.latestHandshake.rawValue))
    }

    @Test("initialize without protocolVersion is invalid params")
    func initializeNeedsVersion() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        #expect(errorCode(await sink.waitFor(1).first) == -32602)
    }

    @Test("before initialize only ping is served")
    func lifecycle() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#)
        let messages = await sink.waitFor(2)
        #expect(errorCode(messages[0]) == -32600)
        #expect(messages[1]["result"] == .object([:]))
    }

    @Test("a second initialize is refused")
    func doubleInitialize() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.handshake()
        #expect(errorCode(await sink.waitFor(2).last) == -32600)
    }

    @Test("error codes: parse -32700 (id null), invalid -32600, unknown method -32601, bad params -32602")
    func errorCodes() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed("{not json")
        await server.feed(#"{"jsonrpc":"2.0","id":10}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":11,"method":"nope/nope"}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":12,"method":"tools/call","params":[1]}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"nope"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":14,"method":"tools/call","params":{"name":"echo","arguments":[1]}}"#)
        let messages = await sink.waitFor(7)
        #expect(messages[1]["id"] == .null)
        #expect(errorCode(messages[1]) == -32700)
        #expect(errorCode(sink.response(id: 10)) == -32600)
        #expect(errorCode(sink.response(id: 11)) == -32601)
        #expect(errorCode(sink.response(id: 12)) == -32602)
        #expect(errorCode(sink.response(id: 13)) == -32602)
        #expect(sink.response(id: 13)?["error"]?["message"]?.stringValue?.contains("echo") == true)
        #expect(errorCode(sink.response(id: 14)) == -32602)
    }

    @Test("notifications and empty lines are never answered")
    func silence() async throws {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed("")
        await server.feed("   \t")
        await server.feed(#"{"jsonrpc":"2.0","method":"notifications/whatever","params":{}}"#)
        await server.feed(#"{"jsonrpc":"2.0","method":"tools/call","params":{"name":"echo","arguments":{"text":"x"}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":5,"result":{}}"#)
        try await Task.sleep(for: .milliseconds(100))
        #expect(sink.all.count == 1)
    }

    @Test("tool results carry content, isError and (2025-06-18+) structuredContent")
    func toolResultShape() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake("2025-06-18")
        await server.feed(#"{"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}"#)
        _ = await sink.waitFor(2)
        let result = sink.response(id: "e")?["result"]
        #expect(result?["isError"] == false)
        #expect(result?["content"]?[0]?["type"] == "text")
        #expect(result?["content"]?[0]?["text"] == #"{"text":"hi"}"#)
        #expect(result?["structuredContent"] == ["text": "hi"])
    }

    @Test("2024-11-05 results have no structuredContent and tools no title or annotations")
    func oldRevisionShapes() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake("2024-11-05")
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}"#)
        _ = await sink.waitFor(3)
        let tool = sink.response(id: 1)?["result"]?["tools"]?[0]
        #expect(tool?["name"] == "echo")
        #expect(tool?["title"] == nil)
        #expect(tool?["annotations"] == nil)
        #expect(sink.response(id: 2)?["result"]?["structuredContent"] == nil)
    }

    @Test("bad arguments and tool failures are isError results naming the problem")
    func toolErrors() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":5,"more":1}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"fail","arguments":{}}}"#)
        _ = await sink.waitFor(4)
        let first = sink.response(id: 1)?["result"]
        #expect(first?["isError"] == true)
        let text = first?["content"]?[0]?["text"]?.stringValue ?? ""
        #expect(text.contains("text: expected a string, got an integer"))
        #expect(text.contains("more: is not a known field"))
        #expect(sink.response(id: 2)?["result"]?["content"]?[0]?["text"]?.stringValue?.contains("text: is required") == true)
        #expect(sink.response(id: 3)?["result"]?["isError"] == true)
        #expect(sink.response(id: 3)?["result"]?["content"]?[0]?["text"] == "It failed; do something else.")
    }

    @Test("a slow tool call does not hold up ping")
    func concurrency() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":"slow","method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.5}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":"ping","method":"ping"}"#)
        let messages = await sink.waitFor(3)
        #expect(messages[1]["id"] == "ping")
        #expect(messages[2]["id"] == "slow")
    }

    @Test("cancelled requests get no answer, and the server keeps serving")
    func cancellation() async throws {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":5}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":42,"reason":"user"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":43,"method":"ping"}"#)
        try await Task.sleep(for: .milliseconds(300))
        #expect(sink.response(id: 42) == nil)
        #expect(sink.response(id: 43) != nil)
        #expect(await server.inFlight.isEmpty)
    }

    @Test("progress notifications carry the request's progress token")
    func progress() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.01},"_meta":{"progressToken":"tok"}}}"#)
        let messages = await sink.waitFor(4)
        let progress = messages.filter { $0["method"] == "notifications/progress" }
        #expect(progress.count == 2)
        #expect(progress.allSatisfy { $0["params"]?["progressToken"] == "tok" })
        #expect(progress.last?["params"]?["progress"]?.doubleValue == 1)
    }

    @Test(
        "progress notifications carry a message only from revision 2025-03-26 on",
        arguments: [("2024-11-05", false), ("2025-03-26", true), ("2025-06-18", true)])
    func progressMessage(_ version: String, _ hasMessage: Bool) async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake(version)
        await server.feed(
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.01},"_meta":{"progressToken":7}}}"#)
        let progress = await sink.waitFor(4).filter { $0["method"] == "notifications/progress" }
        #expect(progress.count == 2)
        #expect(progress.allSatisfy { ($0["params"]?["message"] != nil) == hasMessage })
        #expect(progress.allSatisfy { $0["params"]?["total"] == 1 })
    }

    @Test("an error result is cut to the result budget, after redaction, with a note of its size")
    func errorResultBudget() async {
        let sink = CollectingSink()
        let long = Tool(
            name: "long", title: "Long", description: "Fails at length.",
            inputSchema: ["type": "object", "additionalProperties": false], annotations: ToolAnnotations(openWorld: false),
            handler: { _, _ in throw ToolFailure("Failed: " + String(repeating: "detail ", count: 20_000)) })
        let server = MCPServer(
            identity: ServerIdentity(name: "t", title: "T", version: "1", instructions: nil),
            catalog: ServerCatalog(tools: ToolRegistry([long])),
            options: ServerOptions(maximumResultBytes: 2_000),
            logger: Logger(label: "test", backend: LogBackend(level: .emergency)), sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"long"}}"#)
        _ = await sink.waitFor(2)
        let text = sink.response(id: 1)?["result"]?["content"]?[0]?["text"]?.stringValue ?? ""
        #expect(text.utf8.count <= 2_000)
        #expect(text.hasPrefix("Failed: detail"))
        #expect(text.hasSuffix("[message cut: it had 140008 bytes]"))
    }

    @Test("an explicit null for an optional argument means the argument is absent")
    func nullArguments() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":null}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":null}}}"#)
        _ = await sink.waitFor(3, timeout: 5)
        #expect(sink.response(id: 1)?["result"]?["isError"] == false)
        // Null for a required argument is still a missing argument.
        #expect(sink.response(id: 2)?["result"]?["content"]?[0]?["text"]?.stringValue?.contains("text: is required") == true)
    }

    @Test("batches: rejected except in 2025-03-26, where each request is answered in one array")
    func batches() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake("2025-06-18")
        await server.feed(#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#)
        #expect(errorCode(await sink.waitFor(2).last) == -32600)

        let batchSink = CollectingSink()
        let batchServer = makeServer(sink: batchSink)
        await batchServer.handshake("2025-03-26")
        await batchServer.feed(
            #"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/x"},{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"b"}}},5]"#
        )
        await batchServer.feed("[]")
        let answers = await batchSink.waitFor(3)
        let batch = answers.first { $0.arrayValue != nil }?.arrayValue ?? []
        #expect(batch.count == 3)
        #expect(batch.contains { $0["id"] == 1 })
        #expect(batch.contains { $0["id"] == 2 && $0["result"]?["isError"] == false })
        #expect(batch.contains { $0["id"] == .null && errorCode($0) == -32600 })
        #expect(answers.contains { $0.objectValue != nil && errorCode($0) == -32600 })
    }

    @Test("an oversized line is answered with -32600 and the server keeps serving")
    func oversized() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.receive(.oversized(byteCount: 99_000_000))
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        let messages = await sink.waitFor(2)
        #expect(errorCode(messages[0]) == -32600)
        #expect(messages[1]["id"] == 1)
    }

    @Test("drain cancels work still running after the grace period")
    func drain() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":30}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.1}}}"#)
        let started = ContinuousClock.now
        await server.drain()
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(sink.response(id: 2) != nil)
        #expect(sink.response(id: 1) == nil)
    }
}

extension DispatcherTests {
    @Test("drain returns as soon as the last request ends, not at the end of the grace period")
    func drainReturnsWhenIdle() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink, shutdownGrace: .seconds(20))
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.2}}}"#)
        let started = ContinuousClock.now
        await server.drain()
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(sink.response(id: 1) != nil)
    }
}
