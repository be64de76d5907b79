import OpsRampJSON
import Testing

@testable import OpsRampMCP

@Suite("Resources, prompts, completion, pagination, logging")
struct CatalogTests {
    func errorCode(_ message: JSONValue?) -> Int? { message?["error"]?["code"]?.intValue }

    @Test("resources list, templates list and reads (fixed and templated)")
    func resources() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake("2025-06-18")
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"resources/list"}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"resources/templates/list"}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"test://hello"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":4,"method":"resources/read","params":{"uri":"test://colors/red"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":5,"method":"resources/read","params":{"uri":"test://colors/blue"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":6,"method":"resources/read","params":{}}"#)
        _ = await sink.waitFor(7)
        #expect(sink.response(id: 1)?["result"]?["resources"]?[0]?["uri"] == "test://hello")
        #expect(sink.response(id: 2)?["result"]?["resourceTemplates"]?[0]?["uriTemplate"] == "test://colors/{color}")
        #expect(sink.response(id: 3)?["result"]?["contents"] == [["uri": "test://hello", "mimeType": "text/plain", "text": "hello"]])
        #expect(sink.response(id: 4)?["result"]?["contents"]?[0]?["text"] == "color red")
        #expect(errorCode(sink.response(id: 5)) == -32002)
        #expect(errorCode(sink.response(id: 6)) == -32602)
    }

    @Test("prompts: list, get, and argument validation")
    func prompts() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"prompts/list"}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"prompts/get","params":{"name":"greet","arguments":{"who":"team"}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":3,"method":"prompts/get","params":{"name":"greet"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":4,"method":"prompts/get","params":{"name":"nope"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":5,"method":"prompts/get","params":{"name":"greet","arguments":{"who":"x","mood":"y"}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":6,"method":"prompts/get","params":{"name":"greet","arguments":{"who":"x","tone":"hot"}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":7,"method":"prompts/get","params":{"name":"greet","arguments":{"who":3}}}"#)
        _ = await sink.waitFor(8)
        let listed = sink.response(id: 1)?["result"]?["prompts"]?[0]
        #expect(listed?["name"] == "greet")
        #expect(listed?["arguments"]?[0] == ["name": "who", "description": "Whom to greet.", "required": true])
        #expect(sink.response(id: 2)?["result"]?["messages"]?[0]?["content"]?["text"] == "Say hello to team")
        #expect(sink.response(id: 2)?["result"]?["messages"]?[0]?["role"] == "user")
        for id in 3...7 { #expect(errorCode(sink.response(id: id)) == -32602, "prompt case \(id)") }
        #expect(sink.response(id: 6)?["error"]?["message"] == "tone must be warm or cool")
    }

    @Test("completion offers fixed values by prefix, for prompt arguments and template variables")
    func completion() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake("2025-03-26")
        await server.feed(
            #"{"jsonrpc":"2.0","id":1,"method":"completion/complete","params":{"ref":{"type":"ref/prompt","name":"greet"},"argument":{"name":"who","value":"w"}}}"#
        )
        await server.feed(
            #"{"jsonrpc":"2.0","id":2,"method":"completion/complete","params":{"ref":{"type":"ref/resource","uri":"test://colors/{color}"},"argument":{"name":"color","value":"GR"}}}"#
        )
        await server.feed(
            #"{"jsonrpc":"2.0","id":3,"method":"completion/complete","params":{"ref":{"type":"ref/prompt","name":"nope"},"argument":{"name":"who","value":""}}}"#
        )
        _ = await sink.waitFor(4)
        #expect(sink.response(id: 1)?["result"]?["completion"] == ["values": ["world", "wally"], "total": 2, "hasMore": false])
        #expect(sink.response(id: 2)?["result"]?["completion"]?["values"] == ["green", "grey"])
        #expect(errorCode(sink.response(id: 3)) == -32602)
    }

    @Test("lists page with an opaque cursor; a bad cursor is -32602")
    func pagination() async {
        let sink = CollectingSink()
        let server = makeServer(sink: sink, pageSize: 2)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
        let first = await sink.waitFor(2).last?["result"]
        #expect(first?["tools"]?.arrayValue?.count == 2)
        let cursor = first?["nextCursor"]?.stringValue ?? ""
        #expect(!cursor.isEmpty)
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"cursor":"\#(cursor)"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"cursor":"bogus!"}}"#)
        _ = await sink.waitFor(4)
        #expect(sink.response(id: 2)?["result"]?["tools"]?.arrayValue?.count == 1)
        #expect(sink.response(id: 2)?["result"]?["nextCursor"] == nil)
        #expect(errorCode(sink.response(id: 3)) == -32602)
    }

    @Test("logging/setLevel turns on notifications/message at that level")
    func setLevel() async throws {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"fail","arguments":{}}}"#)
        _ = await sink.waitFor(2)
        try await Task.sleep(for: .milliseconds(50))
        #expect(!sink.all.contains { $0["method"] == "notifications/message" })
        await server.feed(#"{"jsonrpc":"2.0","id":2,"method":"logging/setLevel","params":{"level":"debug"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":3,"method":"logging/setLevel","params":{"level":"loud"}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"fail","arguments":{}}}"#)
        _ = await sink.waitFor(6)
        try await Task.sleep(for: .milliseconds(50))
        #expect(sink.response(id: 2)?["result"] == .object([:]))
        #expect(errorCode(sink.response(id: 3)) == -32602)
        #expect(sink.all.contains { $0["method"] == "notifications/message" && $0["params"]?["level"] != nil })
    }

    @Test("capabilities follow the revision: completions only from 2025-03-26")
    func capabilities() async {
        let sink = CollectingSink()
        let old = makeServer(sink: sink)
        await old.handshake("2024-11-05")
        let result = await sink.waitFor(1).first?["result"]?["capabilities"]
        #expect(result?["completions"] == nil)
        #expect(result?["logging"] != nil && result?["resources"] != nil && result?["prompts"] != nil)
    }
}
