import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// A partner (MSP) tenant: its clients' resources and alerts in one answer, told apart by client,
/// and resources found by kind however the operator words it.
@Suite("Process: a partner tenant's fleet")
struct PartnerTenantTests {
    static let prefix = "prod_"

    func start() async throws -> (FakeTenant, FakeData.PartnerFleet, ServerProcess) {
        let tenant = try FakeTenant(tenantID: "msp_900")
        let fleet = FakeData.partnerFleet(now: tenant.now)
        tenant.fake.resources = fleet.resources
        tenant.fake.alerts = fleet.alerts
        let server = try await tenant.startServer(["OPSRAMP_MCP_TOOL_PREFIX": Self.prefix, "OPSRAMP_TIMEZONE": "UTC"])
        return (tenant, fleet, server)
    }

    /// The client of each resource, from the fleet's own data (its clientId, else its alerts').
    static func clients(_ fleet: FakeData.PartnerFleet) -> [String: String] {
        var clients: [String: String] = [:]
        for alert in fleet.alerts {
            if let id = alert["resource"]?["id"]?.stringValue, let client = alert["clientUniqueId"]?.stringValue { clients[id] = client }
        }
        for resource in fleet.resources {
            if let id = resource["id"]?.stringValue, let client = resource["clientId"]?.stringValue { clients[id] = client }
        }
        return clients
    }

    @Test(
        "status of our EC2 instances: all six whatever their OS, state or wording, each with its client",
        arguments: [
            "EC2", "Amazon EC2", "EC2 servers", "AWS EC2 instances", "status of our amazon ec2 machines",
        ])
    func ec2(_ type: String) async throws {
        let (tenant, fleet, server) = try await start()
        defer { withExtendedLifetime(tenant) {} }
        let result = try await server.callTool("prod_get_minimal_resource_details", ["type": .string(type)])
        #expect(result["isError"] == false, "\(result.text)")
        let rows = result.rows("resources")
        #expect(result.structured?["matched"] == 6, "\(result.text.prefix(600))")
        #expect(Set(rows.compactMap { $0["id"]?.stringValue }) == Set(fleet.ec2IDs))
        // The answer says how the words were matched.
        let matchedAs = result.structured?["matchedAs"]?.stringValue ?? ""
        #expect(matchedAs.lowercased().contains("ec2") && matchedAs.contains("make, nativeType, type, os or osType"), "\(matchedAs)")
        // Whose each instance is, including the one that says so only through its alerts.
        let clients = Self.clients(fleet)
        for row in rows {
            let id = row["id"]?.stringValue ?? ""
            if let client = clients[id] { #expect(row["clientUniqueId"]?.stringValue == client, "\(id)") }
        }
        #expect(rows.first { $0["id"]?.stringValue == fleet.ec2IDs[0] }?["clientUniqueId"] == "client_11")
        #expect(rows.first { $0["id"]?.stringValue == fleet.ec2IDs[0] }?["tenantName"] == "Acme Retail")
        AnswerChecks.expectNamesCallable(result.text, tools: Set(ToolNameList.all.map { Self.prefix + $0 }), prefix: Self.prefix)
    }

    @Test("words that match only part of the set are said so, with how many each word leaves out")
    func partialWords() async throws {
        let (tenant, _, server) = try await start()
        defer { withExtendedLifetime(tenant) {} }
        let result = try await server.callTool("prod_get_minimal_resource_details", ["type": "AWS EC2"])
        let hint = result.structured?["hint"]?.stringValue ?? ""
        // The S3 bucket and the RDS instance are AWS but not EC2.
        #expect(hint.contains("2 more resources match only some of the words") && hint.contains("2 without EC2"), "\(hint)")
        let generic = try await server.callTool("prod_get_minimal_resource_details", ["type": "EC2 servers"])
        #expect(generic.structured?["matchedAs"]?.stringValue?.contains("left out as naming no kind of resource: server") == true)
        #expect(generic.structured?["hint"] == nil)
    }

    @Test("with more resources matching some word than one page holds, the partial matches are counted by OpsRamp instead")
    func partialWordsCounted() async throws {
        let (tenant, fleet, server) = try await start()
        defer { withExtendedLifetime(tenant) {} }
        tenant.fake.resources =
            fleet.resources
            + (0..<520).map { index in
                FakeData.resource(
                    id: "s3-\(index)", name: "bucket-\(index)", hostName: "", ip: "", type: "Other", make: "AWS",
                    nativeType: "S3 Bucket", os: "", tenantID: "client_33", now: tenant.now)
            }
        let result = try await server.callTool("prod_get_minimal_resource_details", ["type": "Amazon EC2"])
        #expect(result.structured?["matched"] == 6)
        #expect(Set(result.rows("resources").compactMap { $0["id"]?.stringValue }) == Set(fleet.ec2IDs))
        let hint = result.structured?["hint"]?.stringValue ?? ""
        #expect(hint.contains("522 more resources match only some of the words") && hint.contains("522 without EC2"), "\(hint)")
    }

    /// The fleet's devices needing attention: one per client and resource (id, else name), with its counts.
    static func attention(_ fleet: FakeData.PartnerFleet) -> [String: (name: String, client: String, critical: Int, warning: Int)] {
        var devices: [String: (name: String, client: String, critical: Int, warning: Int)] = [:]
        for alert in fleet.alerts where alert["closed"] != true {
            let state = alert["currentState"]?.stringValue ?? ""
            guard state == "Critical" || state == "Warning", let client = alert["clientUniqueId"]?.stringValue else { continue }
            let resource = alert["resource"]?["id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? alert["resource"]?["name"]?.stringValue ?? ""
            var device = devices[client + "|" + resource] ?? (alert["resource"]?["name"]?.stringValue ?? "", client, 0, 0)
            if state == "Critical" { device.critical += 1 } else { device.warning += 1 }
            devices[client + "|" + resource] = device
        }
        return devices
    }

    @Test("devices needing attention: two clients' web-01 and checkout-service are four devices, each row with its client")
    func devices() async throws {
        let (tenant, fleet, server) = try await start()
        defer { withExtendedLifetime(tenant) {} }
        let expected = Self.attention(fleet)
        for (tool, arguments, table, total) in [
            ("prod_get_alert_statistics_dashboard", ["since": "1h", "top": 50] as JSONValue, "devices", "devicesTotal"),
            (
                "prod_get_alerts", ["since": "1h", "actions": ["OPEN"], "states": ["Critical", "Warning"], "group_by": "resource"], "resources",
                "resourcesTotal"
            ),
        ] {
            let result = try await server.callTool(tool, arguments)
            #expect(result["isError"] == false, "\(result.text)")
            #expect(result.structured?[total]?.intValue == expected.count, "\(tool): \(result.text.prefix(400))")
            let rows = AnswerChecks.tableRows(result.structured?[table])
            #expect(rows.count == expected.count)
            for row in rows {
                let client = row["clientUniqueId"]?.stringValue ?? "(none)"
                let resource = row["id"]?.stringValue ?? row["name"]?.stringValue ?? ""
                let device = try #require(expected[client + "|" + resource], "\(tool): unexpected row \(row)")
                #expect(row["name"]?.stringValue == device.name)
                #expect(row["critical"]?.intValue == device.critical, "\(tool) \(device.name) at \(client)")
                #expect((row["warning"]?.intValue ?? 0) == device.warning, "\(tool) \(device.name) at \(client)")
                #expect(row["tenantName"]?.stringValue == fleet.clients.first { $0.id == client }?.name)
            }
            #expect(rows.filter { $0["name"] == "web-01" }.count == 2 && rows.filter { $0["name"] == "checkout-service" }.count == 2)
        }
    }

    @Test("every field of a partner tenant's answers (clients, partial matches, lower bounds) is declared with a type")
    func schemaCoverage() async throws {
        let (tenant, _, server) = try await start()
        defer { withExtendedLifetime(tenant) {} }
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        var schemas: [String: JSONValue] = [:]
        for tool in tools { if let name = tool["name"]?.stringValue { schemas[name] = tool["outputSchema"] } }
        var problems: [String] = []
        for (tool, arguments) in [
            ("prod_get_minimal_resource_details", ["type": "AWS EC2"]), ("prod_get_minimal_resource_details", [:]),
            ("prod_get_alerts", ["since": "1h"]), ("prod_get_alerts", ["since": "1h", "group_by": "resource"]),
            ("prod_get_alert_statistics_dashboard", ["since": "1h", "by_priority": true]),
        ] as [(String, JSONValue)] {
            let result = try await server.callTool(tool, arguments)
            let structured = try #require(result.structured, "\(tool): \(result.text.prefix(200))")
            let schema = try #require(schemas[tool])
            problems += SchemaCoverage.problems(structured, schema: schema).map { "\(tool) \(arguments): \($0)" }
        }
        #expect(problems.isEmpty, "\n\(problems.joined(separator: "\n"))")
        // A listing whose count is a lower bound declares that too.
        tenant.fake.minimalResourcesAsEnvelope = true
        tenant.fake.resources = FakeData.resources(count: 150)
        var variants = FakeVariants()
        variants.minimalEnvelopeWithoutTotal = true
        tenant.fake.variants = variants
        let bounded = try await server.callTool("prod_get_minimal_resource_details", ["limit": 100])
        #expect(bounded.structured?["matchedIsExact"] == false)
        #expect(SchemaCoverage.problems(bounded.structured ?? .null, schema: schemas["prod_get_minimal_resource_details"] ?? .null).isEmpty)
    }

    @Test("on a client tenant the device table has no client column: every alert is the tenant's own")
    func clientTenant() async throws {
        let tenant = try FakeTenant()
        defer { withExtendedLifetime(tenant) {} }
        let server = try await tenant.startServer(["OPSRAMP_TIMEZONE": "UTC"])
        let result = try await server.callTool("get_alert_statistics_dashboard", ["since": "24h"])
        let devices = result.structured?["devices"]
        #expect(devices?["columns"]?.arrayValue?.contains("clientUniqueId") == false)
        #expect(devices?["common"]?["clientUniqueId"] == nil)
        let resources = try await server.callTool("get_minimal_resource_details", ["type": "EC2"])
        #expect(!resources.text.contains("clientUniqueId"), "\(resources.text.prefix(300))")
    }
}

/// The tools' base names, for checks on what an answer may name.
enum ToolNameList {
    static let all = [
        "get_alerts", "get_minimal_resource_details", "execute_opsql_query", "get_query_examples",
        "get_alert_statistics_dashboard", "get_release_version",
    ]
}
