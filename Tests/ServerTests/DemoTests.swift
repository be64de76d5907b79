import FakeOpsRamp
import Foundation
import OpsRampJSON
import TestChildProcess
import Testing

/// Starts `--demo` with `environment` and performs the handshake.
func startDemo(
    _ environment: [String: String] = [:], arguments: [String] = [], directory: URL? = nil,
    launcher: [String] = []
) async throws -> ServerProcess {
    let server = try ServerProcess(
        environment: environment, arguments: ["--demo"] + arguments, workingDirectory: directory,
        launcher: launcher)
    try await server.initialize()
    return server
}

@Suite("Process: --demo")
struct DemoTests {
    @Test("--demo answers the three operator questions from the demo tenant's own data, through the real code path")
    func operatorQuestions() async throws {
        let expected = DemoExpectations()
        let server = try await startDemo()

        // "Show me all critical alerts from the last hour."
        let critical = try await server.callTool("get_alerts", ["states": ["Critical"], "since": "1h"])
        #expect(critical["isError"] == false, "\(critical.text)")
        let alerts = critical.rows("alerts")
        #expect(Set(alerts.compactMap { $0["uniqueId"]?.stringValue }) == expected.criticalLastHour)
        #expect(expected.criticalLastHour.count == 6)
        #expect(critical.structured?["totalResults"]?.intValue == 6)
        // A partner tenant: each alert says whose it is; RCA alerts name the host from `device`.
        #expect(alerts.allSatisfy { expected.clientIDs.contains($0["clientUniqueId"]?.stringValue ?? "") && $0["tenantName"] != nil })
        let rca = alerts.filter { $0["eventType"] == "RCA" }
        #expect(rca.count == 2 && rca.allSatisfy { $0["resourceName"]?.stringValue?.isEmpty == false })
        #expect(critical.text == JSONWriter.string(critical.structured ?? .null))

        // "What is the status of our AWS EC2 instances?": one call, each instance with its state and open alerts.
        let ec2 = try await server.callTool("get_minimal_resource_details", ["type": "AWS EC2"])
        #expect(ec2["isError"] == false, "\(ec2.text)")
        let rows = ec2.rows("resources")
        func summary(_ row: JSONValue) -> [String] { ["id", "name", "state"].map { row[$0]?.stringValue ?? "" } }
        #expect(Set(rows.map(summary)) == Set(expected.ec2Instances.map(summary)))
        #expect(rows.count == 7)
        #expect(rows.filter { $0["state"] == "inactive" }.count == 2)
        for row in rows {
            // An alert is on the resource its `resource` names, else (RCA alerts) its `device`.
            let open = expected.data.alerts.filter { $0["closed"] == false && FakeFacts.resourceID(of: $0) == row["id"]?.stringValue }
            for state in ["Critical", "Warning", "Info", "Ok"] {
                #expect(row["open" + state]?.intValue == open.filter { $0["currentState"]?.stringValue == state }.count)
            }
        }
        // The same instances through OpsQL, as before.
        let opsql = try await server.callTool(
            "execute_opsql_query",
            [
                "query": [
                    "objectType": "resource", "fields": ["name", "state", "status", "instanceId"],
                    "filterCriteria": "make = \"AWS\" AND nativeType = \"EC2 Instance\"",
                ]
            ])
        func opsqlSummary(_ row: JSONValue) -> [String] { ["name", "state", "status", "instanceId"].map { row[$0]?.stringValue ?? "" } }
        #expect(Set(opsql.rows("results").map(opsqlSummary)) == Set(expected.ec2Instances.map(opsqlSummary)))

        // "Which devices need attention today?": one call, the devices ranked, Info and Ok apart.
        let stats = try await server.callTool("get_alert_statistics_dashboard", ["since": "24h", "by_priority": true, "top": 20])
        #expect(stats["isError"] == false, "\(stats.text)")
        func count(_ state: String) -> Int { expected.openToday.filter { $0["currentState"]?.stringValue == state }.count }
        #expect(
            stats.structured?["attention"] == [
                "Critical": .int(count("Critical")), "Warning": .int(count("Warning")),
                "total": .int(count("Critical") + count("Warning")),
            ])
        #expect(stats.structured?["otherOpen"] == ["Info": .int(count("Info")), "Ok": .int(count("Ok"))])
        let byPriority = stats.structured?["byPriority"]?.objectValue ?? [:]
        #expect(byPriority.values.compactMap(\.intValue).reduce(0, +) == count("Critical") + count("Warning"))
        let devices = AnswerChecks.tableRows(stats.structured?["devices"]).compactMap { $0["name"]?.stringValue }
        #expect(Set(devices) == expected.devicesNeedingAttention && devices.count == 17)
        #expect(stats.structured?["devicesTotal"] == 17)
    }

    @Test("every tool's answer, errors included, says the data is sample data; schemas declare it; so do instructions and title")
    func sampleDataNotice() async throws {
        let server = try ServerProcess(arguments: ["--demo"])
        let initialized = try await server.initialize()
        #expect(initialized["instructions"]?.stringValue?.hasPrefix("DEMO MODE") == true)
        #expect(initialized["instructions"]?.stringValue?.contains("sample data") == true)
        #expect(initialized["serverInfo"]?["title"]?.stringValue?.contains("demo") == true)

        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        #expect(tools.count == 6)
        var schemas: [String: JSONValue] = [:]
        for tool in tools {
            let name = tool["name"]?.stringValue ?? ""
            #expect(tool["outputSchema"]?["properties"]?["notice"]?["type"] == "string", "\(name)")
            #expect(tool["outputSchema"]?["required"]?.arrayValue?.contains("notice") == true, "\(name)")
            schemas[name] = tool["outputSchema"]
        }
        let calls: [(String, JSONValue)] = [
            ("get_alerts", ["priorities": ["P0", "P1"], "since": "7d"]),
            ("get_minimal_resource_details", ["host_name": "ec2", "state": "all"]),
            ("execute_opsql_query", ["query": ["objectType": "alert", "aggregateFunction": "count", "groupBy": ["currentState"]]]),
            ("get_query_examples", ["category": "resources"]),
            ("get_alert_statistics_dashboard", [:]),
            ("get_release_version", [:]),
        ]
        #expect(Set(calls.map(\.0)) == Set(schemas.keys))
        var notices: Set<String> = []
        for (name, arguments) in calls {
            let result = try await server.callTool(name, arguments)
            #expect(result["isError"] == false, "\(name): \(result.text)")
            let structured = try #require(result.structured, "\(name)")
            let notice = try #require(structured["notice"]?.stringValue, "\(name) has no notice")
            notices.insert(notice)
            #expect(try JSONParser.parse(result.text) == structured, "\(name): the text carries the notice too")
            let violations = JSONSchemaValidator.validate(structured, against: schemas[name] ?? .null)
            #expect(violations.isEmpty, "\(name): \(violations)")
        }
        #expect(notices.count == 1)
        let notice = try #require(notices.first)
        #expect(notice.contains("sample data") && notice.contains("not from a real OpsRamp tenant"))

        // Failures say it too: arguments the schema rejects, and a query the tool refuses.
        let badArguments = try await server.callTool("get_alerts", ["limit": "many"])
        #expect(badArguments["isError"] == true && badArguments.text.contains(notice))
        let badQuery = try await server.callTool("execute_opsql_query", ["query": ["objectType": "device", "fields": ["id"]]])
        #expect(badQuery["isError"] == true && badQuery.text.contains("objectType") && badQuery.text.contains(notice))
    }

    @Test("--demo ignores OpsRamp settings and settings files, keeps the server's own, and sends nothing beyond loopback")
    func ignoresSettingsAndStaysLocal() async throws {
        // Where a leak would go: an "OpsRamp" named by every setting, and a proxy named by every proxy variable.
        let elsewhere = FakeOpsRamp(clientID: "mcp-test-key", clientSecret: FakeTenant.canarySecret, tenantID: "client_1234")
        let proxy = FakeOpsRamp()
        try elsewhere.start()
        try proxy.start()
        defer {
            elsewhere.stop()
            proxy.stop()
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let settings = [
            "OPSRAMP_BASE_URL=\(elsewhere.baseURL)", "OPSRAMP_CLIENT_ID=mcp-test-key",
            "OPSRAMP_CLIENT_SECRET=\(FakeTenant.canarySecret)", "OPSRAMP_TENANT_ID=client_1234",
        ].joined(separator: "\n")
        try settings.write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        try settings.write(to: directory.appendingPathComponent("opsramp.env"), atomically: true, encoding: .utf8)
        var environment = [
            "OPSRAMP_BASE_URL": elsewhere.baseURL, "OPSRAMP_CLIENT_ID": "mcp-test-key", "OPSRAMP_CLIENT_SECRET": FakeTenant.canarySecret,
            "OPSRAMP_TENANT_ID": "client_1234", "OPSRAMP_PORTAL_URL": "https://acme.app.opsramp.com", "OPSRAMP_ALERT_DASHBOARD_ID": "d-1",
            "OPSRAMP_MCP_TOOL_PREFIX": "demo_", "OPSRAMP_MCP_LOG_LEVEL": "debug", "OPSRAMP_TIMEZONE": "Europe/Amsterdam",
        ]
        for name in ["http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"] { environment[name] = proxy.baseURL }

        for arguments in [[], ["--env-file", "opsramp.env"]] {
            let server = try await startDemo(environment, arguments: arguments, directory: directory)
            let alerts = try await server.callTool("demo_get_alerts", ["states": ["Critical"], "since": "1h"])
            #expect(alerts.structured?["totalResults"] == 6, "\(alerts.text)")
            #expect(alerts.structured?["window"]?["timeZone"] == "Europe/Amsterdam")
            let stats = try await server.callTool("demo_get_alert_statistics_dashboard", [:])
            #expect(stats["isError"] == false && stats.structured?["dashboardUrl"] == nil, "\(stats.text)")
            for name in ["demo_get_release_version", "demo_get_minimal_resource_details"] {
                #expect(try await server.callTool(name)["isError"] == false, "\(name)")
            }
            #expect(server.stderrText.contains("demo mode ignores your OpsRamp settings: OPSRAMP_BASE_URL"))
            #expect(server.stderrText.contains(arguments.isEmpty ? "./.env" : "--env-file opsramp.env"))
            #expect(server.stderrText.contains("debug"), "OPSRAMP_MCP_LOG_LEVEL is the server's own and kept")
            let output = server.stdoutLines.joined(separator: "\n") + server.stderrText
            #expect(!output.contains(FakeTenant.canarySecret))
        }
        #expect(elsewhere.acceptedConnectionCount == 0, "\(elsewhere.requests.map(\.path))")
        #expect(proxy.acceptedConnectionCount == 0, "\(proxy.requests.map(\.path))")

        // The control: without --demo the same settings do reach both, so the zeros above mean something.
        var plain = environment
        plain["OPSRAMP_REQUEST_TIMEOUT"] = "2"
        plain["OPSRAMP_MCP_MAX_RETRIES"] = "0"
        let server = try ServerProcess(environment: plain, workingDirectory: directory)
        try await server.initialize()
        _ = try await server.callTool("demo_get_release_version")
        #expect(proxy.acceptedConnectionCount > 0, "libcurl sends loopback requests to http_proxy")
        plain["http_proxy"] = nil
        plain["ALL_PROXY"] = nil
        plain["all_proxy"] = nil
        let direct = try ServerProcess(environment: plain, workingDirectory: directory)
        try await direct.initialize()
        #expect(try await direct.callTool("demo_get_release_version")["isError"] == false)
        #expect(elsewhere.acceptedConnectionCount > 0)
    }

    @Test("--check --demo walks the demo tenant and passes, whatever the OpsRamp settings say")
    func check() async throws {
        let process = try ServerProcess(environment: ["OPSRAMP_BASE_URL": "https://acme.app.opsramp.com"], arguments: ["--check", "--demo"])
        process.closeStdin()
        let status = await process.waitForExit(timeout: 20)
        let output = String(decoding: process.stdoutBytes, as: UTF8.self)
        #expect(status == 0, "\(output)\(process.stderrText)")
        #expect(output.contains("checking the demo tenant"))
        #expect(output.contains("[PASS] access token"))
        #expect(output.contains("[PASS] tenant msp_300100"))
        #expect(output.contains("42 alert(s)"))
        #expect(!output.contains("[FAIL]") && !output.contains("portal"))
    }

    @Test(
        "--print-host-config HOST --demo: an entry that starts the demo, with nothing to fill in, and it runs",
        arguments: HostConfigTests.hosts)
    func hostConfig(_ host: String) async throws {
        let environment = [
            "OPSRAMP_BASE_URL": "https://acme.api.opsramp.com", "OPSRAMP_CLIENT_SECRET": FakeTenant.canarySecret,
            "OPSRAMP_TENANT_ID": "client_1234", "OPSRAMP_MCP_LOG_LEVEL": "warning", "HTTPS_PROXY": "http://proxy.corp:3128",
        ]
        let process = try ServerProcess(environment: environment, arguments: ["--print-host-config", host, "--demo"])
        process.closeStdin()
        let status = await process.waitForExit(timeout: 20)
        let output = String(decoding: process.stdoutBytes, as: UTF8.self)
        #expect(status == 0, "\(process.stderrText)")
        let snippet = try JSONParser.parse(output)
        let entry = try #require(snippet[host == "vscode" ? "servers" : "mcpServers"]?["opsramp-demo"], "\(output)")
        #expect(entry["args"] == ["--demo"])
        #expect(entry["env"] == ["OPSRAMP_MCP_LOG_LEVEL": "warning"], "only the settings the demo keeps")
        #expect(snippet["inputs"] == nil)
        #expect(!output.contains("<") && !output.contains(FakeTenant.canarySecret))
        #expect(process.stderrText.contains("starts the demo"))

        // The entry works as a host would run it.
        let command = try #require(entry["command"]?.stringValue)
        #expect(command == ServerProcess.binaryURL.resolvingSymlinksInPath().path)
        let server = try await startDemo(["OPSRAMP_MCP_LOG_LEVEL": "warning"])
        let release = try await server.callTool("get_release_version")
        #expect(release.structured?["notice"] != nil)
    }
}
