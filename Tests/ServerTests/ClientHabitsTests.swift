import FakeOpsRamp
import Foundation
import JSON
import Testing

/// What real clients do that tidy ones do not: nulls for unset arguments, types built from schemas.
@Suite("Process: every client's habits")
struct ClientHabitsTests {
    /// A valid value for each required argument, so that the rest can be sent as null.
    static let requiredValues: [String: JSONValue] = [
        "query": ["objectType": "resource", "fields": ["id", "name"]],
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
}
