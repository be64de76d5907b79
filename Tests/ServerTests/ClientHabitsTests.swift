import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// What real clients do that tidy ones do not: nulls for unset arguments, types built from schemas.
@Suite("Process: every client's habits")
struct ClientHabitsTests {
    /// A valid value for each required argument, so that the rest can be sent as null.
    static let requiredValues: [String: JSONValue] = [
        "query": ["objectType": "resource", "fields": ["id", "name"]]
    ]

    @Test("a client that sends null for every optional argument (as mcp-use does) gets a normal answer from every tool")
    func nullsForEveryOptionalArgument() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        #expect(tools.count == 6)
        for tool in tools {
            let name = try #require(tool["name"]?.stringValue)
            let properties = tool["inputSchema"]?["properties"]?.objectValue ?? [:]
            let required = Set(tool["inputSchema"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            var arguments: [String: JSONValue] = [:]
            for key in properties.keys { arguments[key] = required.contains(key) ? Self.requiredValues[key] ?? .null : .null }
            let result = try await server.callTool(name, .object(arguments))
            #expect(result["isError"] == false, "\(name) with nulls: \(result.text.prefix(300))")
        }
    }

    /// Calls that between them make every tool produce every field it can: normal, empty, paged,
    /// truncated and failed answers.
    static func coverageCalls(categories: [String]) -> [(String, JSONValue)] {
        var calls: [(String, JSONValue)] = [
            ("get_alerts", [:]),
            ("get_alerts", ["states": ["Critical", "Warning"], "since": "24h", "limit": 5]),
            ("get_alerts", ["limit": 1000]),
            ("get_alerts", ["page": 500, "limit": 10]),
            ("get_alerts", ["states": ["Nonsense"]]),
            ("get_minimal_resource_details", [:]),
            ("get_minimal_resource_details", ["state": "all", "limit": 1]),
            ("get_minimal_resource_details", ["host_name": "no-such-host-anywhere"]),
            (
                "execute_opsql_query",
                ["query": ["objectType": "alert", "fields": ["id", "currentState"], "filterCriteria": "currentState = \"CRITICAL\""]]
            ),
            ("execute_opsql_query", ["query": ["objectType": "resource", "fields": ["id", "name", "tags"], "pageSize": 2], "limit": 2]),
            ("execute_opsql_query", ["query": ["objectType": "resource", "aggregateFunction": "count", "groupBy": []]]),
            ("execute_opsql_query", ["query": ["objectType": "resource", "aggregateFunction": "count", "groupBy": ["type"]]]),
            ("execute_opsql_query", ["query": ["objectType": "alert", "fields": ["id", "subject", "description", "resource"]], "limit": 1000]),
            ("execute_opsql_query", ["query": #"{"objectType": "resource", "fields": ["id"]}"#]),
            ("get_alert_statistics_dashboard", [:]),
            ("get_alert_statistics_dashboard", ["by_priority": true, "since": "7d"]),
            ("get_alert_statistics_dashboard", ["since": "7d", "top": 20, "device_offset": 1]),
            ("get_alerts", ["since": "7d", "group_by": "resource", "resource_offset": 1]),
            ("get_minimal_resource_details", ["type": "AWS EC2 instances", "offset": 1]),
            ("get_query_examples", ["offset": 2]),
            ("get_release_version", [:]),
        ]
        calls += categories.map { ("get_query_examples", ["category": .string($0)]) }
        return calls
    }

    @Test(
        "every field a tool emits is declared in its outputSchema with a type (normal, empty, paged, truncated and failed answers)",
        arguments: ["40000", "2000", "demo"])
    func outputSchemasDeclareEveryField(_ mode: String) async throws {
        let tenant = try FakeTenant()
        // A release answer too large for the small budget, so that it comes back cut.
        tenant.fake.releaseVersion = ["releaseVersion": "21.0.0", "notes": .string(String(repeating: "n", count: 5_000))]
        let server: ServerProcess
        if mode == "demo" {
            // The demo adds a sample-data notice to every result; it must be declared too.
            server = try ServerProcess(arguments: ["--demo"])
            try await server.initialize()
        } else {
            server = try await tenant.startServer([
                "OPSRAMP_PORTAL_URL": "https://example.app.opsramp.com",
                "OPSRAMP_MCP_MAX_RESULT_BYTES": mode,
            ])
        }
        let unconfigured = try ServerProcess(environment: ["OPSRAMP_PORTAL_URL": "https://example.app.opsramp.com"])
        try await unconfigured.initialize()
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        var schemas: [String: JSONValue] = [:]
        var categories: [String] = []
        for tool in tools {
            guard let name = tool["name"]?.stringValue else { continue }
            schemas[name] = tool["outputSchema"]
            if name == "get_query_examples" {
                categories = tool["inputSchema"]?["properties"]?["category"]?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
            }
        }
        #expect(schemas.count == 6)
        #expect(!categories.isEmpty)
        var problems: [String] = []
        var structuredAnswers = 0
        // A server without the OpsRamp settings answers from the portal settings alone (its schemas are the
        // same as the normal server's, not the demo's, which add the notice).
        let withoutConnection: [(String, JSONValue, ServerProcess)] =
            mode == "demo"
            ? []
            : [("get_alert_statistics_dashboard", [:], unconfigured), ("get_release_version", [:], unconfigured)]
        let calls = Self.coverageCalls(categories: categories).map { ($0.0, $0.1, server) } + withoutConnection
        for (name, arguments, target) in calls {
            let result = try await target.callTool(name, arguments)
            guard let structured = result.structured else {
                #expect(result["isError"] == true, "\(name) \(arguments): a successful answer without structuredContent")
                continue
            }
            structuredAnswers += 1
            let schema = try #require(schemas[name], "\(name) lists no outputSchema")
            problems += SchemaCoverage.problems(structured, schema: schema).map { "\(name) \(arguments): \($0)" }
            problems += JSONSchemaValidator.validate(structured, against: schema).map { "\(name) \(arguments): \($0)" }
        }
        #expect(structuredAnswers >= calls.count - 4)
        #expect(problems.isEmpty, "\n\(problems.joined(separator: "\n"))")
        // The schemas themselves: every declared property has a type, so typed clients keep every field.
        for (name, schema) in schemas {
            #expect(Self.untypedDeclarations(schema, path: name).isEmpty, "\(Self.untypedDeclarations(schema, path: name))")
        }
    }

    /// Declared properties (at any depth) without a type or with a list of types.
    static func untypedDeclarations(_ schema: JSONValue, path: String) -> [String] {
        var found: [String] = []
        let hasType =
            schema["type"]?.stringValue != nil
            || (schema["anyOf"]?.arrayValue).map { !$0.isEmpty && $0.allSatisfy { $0["type"]?.stringValue != nil } } == true
        if !hasType { found.append(path) }
        for (name, property) in schema["properties"]?.objectValue ?? [:] { found += untypedDeclarations(property, path: "\(path).\(name)") }
        if let items = schema["items"] { found += untypedDeclarations(items, path: "\(path)[]") }
        if let extra = schema["additionalProperties"], extra.objectValue != nil { found += untypedDeclarations(extra, path: "\(path).*") }
        for branch in schema["anyOf"]?.arrayValue ?? [] { found += untypedDeclarations(branch, path: path).filter { $0 != path } }
        return found
    }

    @Test("execute_opsql_query declares query with anyOf (object or JSON text), not a list of types")
    func queryIsAnyOf() async throws {
        let server = try ServerProcess()
        try await server.initialize()
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        let query = tools.first { $0["name"] == "execute_opsql_query" }?["inputSchema"]?["properties"]?["query"]
        #expect(query?["type"] == nil)
        #expect(query?["anyOf"]?.arrayValue?.compactMap { $0["type"]?.stringValue }.sorted() == ["object", "string"])
        for tool in tools {
            for (name, property) in tool["inputSchema"]?["properties"]?.objectValue ?? [:] {
                #expect(property["type"]?.arrayValue == nil, "\(tool["name"] ?? ""): \(name) has a list of types")
            }
        }
    }
}
