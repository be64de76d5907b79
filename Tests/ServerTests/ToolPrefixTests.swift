import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// `OPSRAMP_MCP_TOOL_PREFIX` everywhere a tool is named, and nowhere it would break a name.
@Suite("Process: the tool prefix")
struct ToolPrefixTests {
    @Test("instructions, descriptions, prompts, documents and hints name only the prefixed tools the server serves")
    func everywhere() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_MCP_TOOL_PREFIX": "prod_", "OPSRAMP_PORTAL_URL": "https://acme.app.opsramp.com"])
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        let names = Set(tools.compactMap { $0["name"]?.stringValue })
        #expect(names.count == 6 && names.allSatisfy { $0.hasPrefix("prod_") })

        var texts = [JSONWriter.string(.array(tools))]
        let prompts = try await server.request("prompts/list")["result"]?["prompts"]?.arrayValue ?? []
        #expect(prompts.count == 3)
        for prompt in prompts {
            let name = prompt["name"]?.stringValue ?? ""
            let got = try await server.request("prompts/get", params: ["name": .string(name), "arguments": ["group": "AWS EC2"]])
            texts.append(JSONWriter.string(got))
        }
        let resources = try await server.request("resources/list")["result"]?["resources"]?.arrayValue ?? []
        for resource in resources {
            texts.append(JSONWriter.string(try await server.request("resources/read", params: ["uri": resource["uri"] ?? ""])))
        }
        // Answers with hints and continuations.
        for (tool, arguments) in [
            ("prod_get_alerts", ["since": "7d", "limit": 2]), ("prod_get_minimal_resource_details", ["type": "RDS"]),
            ("prod_get_minimal_resource_details", ["resource_type": "EC2"]),
            ("prod_get_alert_statistics_dashboard", ["since": "7d", "top": 1]),
            ("prod_execute_opsql_query", ["query": ["objectType": "alert"]]),
        ] as [(String, JSONValue)] {
            let result = try await server.callTool(tool, arguments)
            texts.append(result.text)
            if let next = result.structured?["next"]?["tool"]?.stringValue { #expect(names.contains(next), "\(next)") }
        }
        for text in texts {
            AnswerChecks.expectNamesCallable(text, tools: names, prefix: "prod_")
        }
        // The handshake's instructions, from a fresh session.
        let fresh = try ServerProcess(environment: tenant.environment(["OPSRAMP_MCP_TOOL_PREFIX": "prod_"]))
        let instructions = try await fresh.initialize()["instructions"]?.stringValue ?? ""
        #expect(instructions.contains("prod_get_alert_statistics_dashboard"))
        AnswerChecks.expectNamesCallable(instructions, tools: names, prefix: "prod_")
    }

    @Test(
        "a prefix that would break MCP's tool-name rules stops the start with a clear message",
        arguments: [
            ("prod prod_", "a space"), (String(repeating: "x", count: 40), "more than the 64"), ("prod/", "\"/\""),
        ])
    func badPrefix(_ prefix: String, reason: String) async throws {
        for arguments in [[], ["--check"], ["--list-tools"]] {
            let process = try ServerProcess(environment: ["OPSRAMP_MCP_TOOL_PREFIX": prefix], arguments: arguments)
            process.closeStdin()
            #expect(await process.waitForExit(timeout: 10) == 2)
            #expect(process.stderrText.contains("OPSRAMP_MCP_TOOL_PREFIX"), "\(process.stderrText)")
            #expect(process.stderrText.contains(reason), "\(process.stderrText)")
            #expect(process.stdoutBytes.isEmpty)
        }
    }

    @Test("portal setup advice is in the start-up log and --check, not in the answers")
    func setupAdvice() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_MCP_TOOL_PREFIX": "prod_"])
        let result = try await server.callTool("prod_get_alert_statistics_dashboard", ["since": "today"])
        #expect(result["isError"] == false)
        #expect(!result.text.contains("OPSRAMP_") && result.structured?["dashboardUrl"] == nil)
        #expect(server.stderrText.contains("set OPSRAMP_PORTAL_URL"))
        #expect(server.stderrText.contains("prod_get_alert_statistics_dashboard"))

        let check = try ServerProcess(
            environment: tenant.environment(["OPSRAMP_PORTAL_URL": "https://acme.app.opsramp.com"]),
            arguments: ["--check"])
        check.closeStdin()
        #expect(await check.waitForExit(timeout: 30) == 0)
        let output = String(decoding: check.stdoutBytes, as: UTF8.self)
        #expect(output.contains("OPSRAMP_ALERT_DASHBOARD_ID"), "\(output)")
    }
}
