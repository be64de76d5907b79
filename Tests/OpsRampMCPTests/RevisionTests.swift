import OpsRampJSON
import Testing

@testable import OpsRampMCP

@Suite("Revisions: the stateless 2026-07-28 rules")
struct StatelessRevisionTests {
    func errorCode(_ message: JSONValue?) -> Int? { message?["error"]?["code"]?.intValue }

    @Test("server/discover lists every supported version, capabilities, and the required result fields")
    func discover() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.feedStateless(id: 1, method: "server/discover")
        let result = await sink.waitFor(1).first?["result"]
        #expect(result?["supportedVersions"] == ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"])
        #expect(result?["capabilities"]?["tools"] != nil)
        #expect(result?["capabilities"]?["resources"] != nil)
        #expect(result?["capabilities"]?["prompts"] != nil)
        #expect(result?["capabilities"]?["completions"] != nil)
        #expect(result?["resultType"] == "complete")
        #expect(result?["ttlMs"]?.intValue != nil)
        #expect(result?["cacheScope"] == "public")
        #expect(result?["_meta"]?["io.modelcontextprotocol/serverInfo"] == ["name": "test-server", "version": "9.9.9"])
        #expect(result?["instructions"] == "Use the tools.")
    }

    @Test("stateless requests need no initialize; every result carries resultType and serverInfo, lists carry cache hints")
    func statelessResults() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.feedStateless(id: 1, method: "tools/list")
        await server.feedStateless(id: 2, method: "tools/call", params: ["name": "echo", "arguments": ["text": "x"]])
        await server.feedStateless(id: 3, method: "prompts/get", params: ["name": "greet", "arguments": ["who": "w"]])
        _ = await sink.waitFor(3)
        let list = sink.response(id: 1)?["result"]
        #expect(list?["tools"]?.arrayValue?.count == 3)
        #expect(list?["resultType"] == "complete" && list?["ttlMs"] != nil && list?["cacheScope"] != nil)
        #expect(list?["tools"]?[0]?["title"] == "Echo")
        let call = sink.response(id: 2)?["result"]
        #expect(call?["resultType"] == "complete")
        #expect(call?["structuredContent"] == ["text": "x"])
        #expect(call?["ttlMs"] == nil)
        #expect(call?["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "test-server")
        #expect(sink.response(id: 3)?["result"]?["resultType"] == "complete")
    }

    @Test("an unsupported version is -32022 with supported and requested; a malformed envelope is -32602")
    func envelopeErrors() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.feedStateless(id: 1, method: "tools/list", meta: ["io.modelcontextprotocol/protocolVersion": "2099-01-01"])
        await server.feedStateless(id: 2, method: "tools/list", meta: ["io.modelcontextprotocol/protocolVersion": "2025-11-25"])
        await server.feedStateless(id: 3, method: "tools/list", meta: ["io.modelcontextprotocol/clientCapabilities": "none"])
        await server.feedStateless(id: 4, method: "tools/list", meta: ["io.modelcontextprotocol/protocolVersion": 5])
        await server.feedStateless(id: 5, method: "tools/list", meta: ["io.modelcontextprotocol/logLevel": "loud"])
        _ = await sink.waitFor(5)
        let first = sink.response(id: 1)?["error"]
        #expect(first?["code"] == -32022)
        #expect(first?["data"]?["requested"] == "2099-01-01")
        #expect(first?["data"]?["supported"]?.arrayValue?.contains("2026-07-28") == true)
        #expect(errorCode(sink.response(id: 2)) == -32022)
        #expect(errorCode(sink.response(id: 3)) == -32602)
        #expect(errorCode(sink.response(id: 4)) == -32602)
        #expect(errorCode(sink.response(id: 5)) == -32602)
    }

    @Test("ping and logging/setLevel do not exist in 2026-07-28")
    func removedMethods() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.feedStateless(id: 1, method: "ping")
        await server.feedStateless(id: 2, method: "logging/setLevel", params: ["level": "debug"])
        _ = await sink.waitFor(2)
        #expect(errorCode(sink.response(id: 1)) == -32601)
        #expect(errorCode(sink.response(id: 2)) == -32601)
    }

    @Test("an unknown resource is -32602 in 2026-07-28 and -32002 before")
    func resourceNotFound() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.feedStateless(id: 1, method: "resources/read", params: ["uri": "test://nope"])
        await server.handshake("2025-11-25")
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"test://nope"}}"#)
        _ = await sink.waitFor(3)
        #expect(errorCode(sink.response(id: 1)) == -32602)
        #expect(errorCode(sink.response(id: 2)) == -32002)
        #expect(sink.response(id: 2)?["error"]?["data"]?["uri"] == "test://nope")
    }

    @Test("a stateless request gets log messages only when its _meta asks for them")
    func requestScopedLogging() async throws {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.feedStateless(id: 1, method: "tools/call", params: ["name": "fail", "arguments": [:]])
        await server.feedStateless(
            id: 2, method: "tools/call", params: ["name": "fail", "arguments": [:]],
            meta: ["io.modelcontextprotocol/logLevel": "info"])
        _ = await sink.waitFor(3)
        try await Task.sleep(for: .milliseconds(50))
        let logs = sink.all.filter { $0["method"] == "notifications/message" }
        #expect(!logs.isEmpty)
        #expect(logs.allSatisfy { $0["params"]?["level"] != nil && $0["params"]?["data"]?.stringValue != nil })
        // Every forwarded line came from request 2: request 1 did not ask.
        #expect(logs.allSatisfy { $0["params"]?["data"]?.stringValue?.contains("fail") == true })
        #expect(logs.count == sink.all.count - 2)
    }
}
