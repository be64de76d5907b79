import Foundation
import OpsRampJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built binary over real pipes: what a host sees.
@Suite("Process: stdio JSON-RPC")
struct StdioProtocolTests {
    @Test("the README's quick check: initialize, initialized, tools/list, get_query_examples; EOF exits 0")
    func readmeSession() async throws {
        let server = try ServerProcess()
        let initialize = try await server.initialize()
        #expect(initialize["protocolVersion"] == "2025-06-18")
        #expect(initialize["serverInfo"]?["name"] == "opsramp-mcp-server")
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        #expect(
            Set(tools.compactMap { $0["name"]?.stringValue }) == [
                "execute_opsql_query", "get_alerts", "get_minimal_resource_details", "get_release_version",
                "get_alert_statistics_dashboard", "get_query_examples",
            ])
        for tool in tools {
            #expect(tool["inputSchema"]?["type"] == "object")
            #expect(tool["inputSchema"]?["additionalProperties"] == false)
            #expect(tool["annotations"]?["readOnlyHint"] == true)
            #expect(tool["annotations"]?["destructiveHint"] == false)
        }
        let examples = try await server.callTool("get_query_examples", ["category": "alerts"])
        #expect(examples["isError"] == false)
        let structured = examples["structuredContent"]
        #expect((structured?["examples"]?.arrayValue?.count ?? 0) >= 3)
        #expect(structured?["examples"]?.arrayValue?.allSatisfy { $0["query"]?["objectType"] == "alert" } == true)

        server.closeStdin()
        #expect(await server.waitForExit(timeout: 2) == 0)
        for line in server.stdoutLines { #expect(jsonRPCProblem(line) == nil) }
    }

    @Test("malformed lines get the right error codes and the server keeps serving")
    func malformedInput() async throws {
        let server = try ServerProcess()
        try await server.initialize()
        let cases: [(String, Int)] = [
            ("{not json", -32700),
            (#"{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"no_such_tool"}}"#, -32602),
            (#"{"jsonrpc":"2.0","id":"b","method":"no/such/method"}"#, -32601),
            (#"{"jsonrpc":"2.0","id":"c"}"#, -32600),
            (#"{"jsonrpc":"1.0","id":"d","method":"ping"}"#, -32600),
            (#"[{"jsonrpc":"2.0","id":"e","method":"ping"}]"#, -32600),
            (#"{"jsonrpc":"2.0","id":"f","method":"tools/call","params":"x"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":"g","method":"tools/call","params":{"name":5}}"#, -32602),
            ("\u{FF}\u{FE}garbage", -32700),
        ]
        for (line, _) in cases { server.send(line) }
        server.send(#"{"jsonrpc":"2.0","id":"alive","method":"ping"}"#)
        _ = try await server.response(id: "alive")
        let errors = try server.messages().compactMap { message -> Int? in message["error"]?["code"]?.intValue }
        #expect(errors.sorted() == cases.map(\.1).sorted())
        for line in server.stdoutLines { #expect(jsonRPCProblem(line) == nil) }
    }

    @Test("ids are echoed exactly as sent", arguments: [#""abc""#, "7", "0", "-3", "1e3", "12345678901234567890", "1.5", #""""#])
    func idsRoundTrip(_ literal: String) async throws {
        let server = try ServerProcess()
        server.send(#"{"jsonrpc":"2.0","id":\#(literal),"method":"ping"}"#)
        let lines = try await server.waitForLines(1)
        #expect(lines.first == #"{"id":\#(literal),"jsonrpc":"2.0","result":{}}"#)
    }

    @Test("bad tool arguments are isError results that name the argument")
    func badArguments() async throws {
        let server = try ServerProcess()
        try await server.initialize()
        let wrongType = try await server.callTool("get_alerts", ["limit": "ten"])
        #expect(wrongType["isError"] == true)
        #expect(wrongType["content"]?[0]?["text"]?.stringValue?.contains("limit: expected an integer, got a string") == true)
        let unknown = try await server.callTool("get_query_examples", ["category": "alerts", "colour": "red"])
        #expect(unknown["content"]?[0]?["text"]?.stringValue?.contains("colour: is not a known field") == true)
        let badEnum = try await server.callTool("get_query_examples", ["category": "widgets"])
        #expect(badEnum["isError"] == true)
        #expect(badEnum["content"]?[0]?["text"]?.stringValue?.contains("alerts, resources, topology, all") == true)
        let missing = try await server.callTool("execute_opsql_query", [:])
        #expect(missing["content"]?[0]?["text"]?.stringValue?.contains("query: is required") == true)
    }

    @Test("API tools without configuration say which variables to set")
    func unconfigured() async throws {
        let server = try ServerProcess()
        try await server.initialize()
        for tool in ["get_alerts", "get_minimal_resource_details", "get_release_version"] {
            let result = try await server.callTool(tool)
            #expect(result["isError"] == true)
            let text = result["content"]?[0]?["text"]?.stringValue ?? ""
            for variable in ["OPSRAMP_BASE_URL", "OPSRAMP_CLIENT_ID", "OPSRAMP_CLIENT_SECRET", "OPSRAMP_TENANT_ID"] {
                #expect(text.contains(variable), "\(tool) should name \(variable)")
            }
        }
        let query = try await server.callTool("execute_opsql_query", ["query": ["objectType": "alert", "fields": ["id"]]])
        #expect(query["content"]?[0]?["text"]?.stringValue?.contains("OPSRAMP_BASE_URL") == true)
    }

    @Test("the dashboard link comes from configuration, never a fixed tenant")
    func dashboardLink() async throws {
        let configured = try ServerProcess(environment: [
            "OPSRAMP_PORTAL_URL": "https://example-org.app.opsramp.com",
            "OPSRAMP_ALERT_DASHBOARD_ID": "1234-abcd",
        ])
        try await configured.initialize()
        // Without the OpsRamp connection nothing can be counted: an error that names what is missing, with the links.
        let result = try await configured.callTool("get_alert_statistics_dashboard")
        #expect(result["isError"] == true)
        #expect(result.text.contains("OPSRAMP_BASE_URL"))
        #expect(result.text.contains("https://example-org.app.opsramp.com/portal/dashboards/1234-abcd"))

        let bare = try ServerProcess()
        try await bare.initialize()
        let nothing = try await bare.callTool("get_alert_statistics_dashboard")
        #expect(nothing["isError"] == true)
        #expect(nothing.text.contains("OPSRAMP_CLIENT_SECRET"))
        #expect(!nothing.text.contains("pod7") && !nothing.text.contains("portal"))
    }

    @Test("stdout carries only JSON-RPC even at debug log level; logs go to stderr")
    func stdoutIsClean() async throws {
        let server = try ServerProcess(environment: ["OPSRAMP_MCP_LOG_LEVEL": "debug"])
        try await server.initialize()
        try await server.request("tools/list")
        server.send("garbage")
        _ = try await server.callTool("get_alerts", ["limit": 0])
        _ = try await server.callTool("get_query_examples")
        server.closeStdin()
        #expect(await server.waitForExit(timeout: 2) == 0)
        #expect(!server.stdoutLines.isEmpty)
        for line in server.stdoutLines { #expect(jsonRPCProblem(line) == nil, "bad stdout line") }
        #expect(server.stdoutBytes.last == 0x0A)
        #expect(server.stderrText.contains("debug"))
        #expect(server.stderrText.contains("session started"))
    }

    @Test("SIGTERM ends the process promptly")
    func sigterm() async throws {
        let server = try ServerProcess()
        try await server.initialize()
        server.child.kill(SIGTERM)
        #expect(await server.waitForExit(timeout: 2) != nil)
    }

    @Test(
        "SIGTERM and SIGINT end the process every time, with status 0 and a log line, not once in a while",
        arguments: [SIGTERM, SIGINT])
    func signalsEveryTime(_ number: Int32) async throws {
        // One signal in about thirty used to be lost (discarded by a thread that had it ignored).
        for attempt in 1...30 {
            let server = try ServerProcess()
            try await server.initialize()
            server.child.kill(number)
            let status = await server.waitForExit(timeout: 5)
            #expect(status == 0, "attempt \(attempt): \(status.map(String.init) ?? "still running")")
            if status == nil { server.terminate() }
            #expect(server.stderrText.contains(number == SIGTERM ? "received SIGTERM" : "received SIGINT"), "attempt \(attempt)")
            if status != 0 { return }
        }
    }

    @Test("a host that closes stdout does not leave the server hanging or spinning")
    func closedStdout() async throws {
        let server = try ServerProcess(readStdout: false)
        server.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        try await Task.sleep(for: .milliseconds(200))
        // Closing the only read end makes the server's next write fail with EPIPE.
        server.closeStdoutReadEnd()
        for _ in 0..<5 { server.send(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#) }
        #expect(await server.waitForExit(timeout: 3) == 0)
        #expect(server.stderrText.contains("stdout closed"))
    }

    @Test("EOF exits within 2 s even while a request is still running")
    func eofWithWorkInFlight() async throws {
        // A base URL that accepts connections but never answers keeps get_release_version busy.
        let listener = try SilentListener()
        let server = try ServerProcess(environment: [
            "OPSRAMP_BASE_URL": "http://127.0.0.1:\(listener.port)", "OPSRAMP_CLIENT_ID": "id",
            "OPSRAMP_CLIENT_SECRET": "eof-test-secret", "OPSRAMP_TENANT_ID": "client_1",
        ])
        try await server.initialize()
        server.send(#"{"jsonrpc":"2.0","id":"stuck","method":"tools/call","params":{"name":"get_release_version","arguments":{}}}"#)
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        server.closeStdin()
        #expect(await server.waitForExit(timeout: 3) == 0)
        #expect(ContinuousClock.now - started < .seconds(2))
        listener.close()
    }
}
