import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

/// The seed's three questions and the wire format, through the built binary against the fake OpsRamp.
@Suite("Process: OpsRamp end to end")
struct EndToEndTests {
    @Test("critical alerts in the last hour: queryString/pageSize on the wire, exactly the matching alerts back")
    func criticalAlertsLastHour() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        let result = try await server.callTool("get_alerts", ["states": ["Critical"], "since": "1h"])
        #expect(result["isError"] == false)

        let request = try #require(tenant.requests(on: .alerts).first)
        #expect(request.path == "/api/v2/tenants/client_1234/alerts/search")
        #expect(request.query["pageSize"] == "50")
        #expect(request.query["pageNo"] == "1")
        #expect(request.query["query"] == nil && request.query["limit"] == nil)
        #expect(request.rawQuery.contains("%2B") && request.rawQuery.contains("%20"))
        let queryString = try #require(request.query["queryString"])
        #expect(queryString.hasPrefix("states:Critical+startDate:"))
        #expect(queryString.hasSuffix(" 0000+alertTimeBase:created"))
        #expect(request.headers["accept"] == "application/json")

        let hourAgo = tenant.now.addingTimeInterval(-3600)
        let expected = Set(
            tenant.sample.alerts.filter {
                $0["currentState"] == "Critical" && (opsRampDate($0["createdDate"]).map { $0 >= hourAgo.addingTimeInterval(-5) } ?? false)
            }.compactMap { $0["uniqueId"]?.stringValue })
        let returned = result.rows("alerts")
        #expect(!expected.isEmpty)
        #expect(Set(returned.compactMap { $0["uniqueId"]?.stringValue }) == expected)
        #expect(result.structured?["totalResults"]?.intValue == expected.count)
        #expect(returned.allSatisfy { $0["resourceName"] != nil && $0["subject"] != nil && $0["priority"] != nil })
        #expect(result.text == JSONWriter.string(result.structured ?? .null))
        tenant.expectNoSecrets(in: server)
    }

    @Test("status of AWS EC2 instances via OpsQL: the v3 path, a JSON body, only the requested fields")
    func awsInstances() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        let query: JSONValue = [
            "objectType": "resource", "fields": ["id", "name", "state", "nativeType"],
            "filterCriteria": "make = \"AWS\" AND nativeType CONTAINS \"EC2\"",
        ]
        let result = try await server.callTool("execute_opsql_query", ["query": query])
        #expect(result["isError"] == false)
        let request = try #require(tenant.requests(on: .opsql).first)
        #expect(request.method == "POST")
        #expect(request.path == "/opsql/api/v3/tenants/client_1234/queries")
        #expect(request.bodyJSON?["objectType"] == "resource")
        #expect(request.bodyJSON?["pageNo"] == 1)

        let expected = tenant.sample.resources.filter {
            $0["make"] == "AWS" && ($0["nativeType"]?.stringValue?.contains("EC2") ?? false)
        }
        let rows = result.structured?["results"]?.arrayValue ?? []
        #expect(expected.count == 4)
        #expect(Set(rows.compactMap { $0["id"]?.stringValue }) == Set(expected.compactMap { $0["id"]?.stringValue }))
        #expect(rows.allSatisfy { Set($0.objectValue?.keys.map { $0 } ?? []).isSubset(of: ["id", "name", "state", "nativeType"]) })
        let states = Dictionary(rows.map { ($0["name"]?.stringValue ?? "", $0["state"]?.stringValue ?? "") }, uniquingKeysWith: { first, _ in first })
        for resource in expected {
            #expect(states[resource["name"]?.stringValue ?? ""] == resource["state"]?.stringValue)
        }
        // The same question as a string query (compatibility) and as a count.
        let asText = try await server.callTool("execute_opsql_query", ["query": .string(JSONWriter.string(query))])
        #expect(asText.structured?["returned"]?.intValue == expected.count)
        let count = try await server.callTool(
            "execute_opsql_query",
            [
                "query": [
                    "objectType": "resource", "filterCriteria": "make = \"AWS\" AND nativeType CONTAINS \"EC2\"", "aggregateFunction": "count",
                    "groupBy": [],
                ]
            ])
        #expect(count.structured?["count"]?.intValue == expected.count)
        tenant.expectNoSecrets(in: server)
    }

    @Test("devices needing attention today: exact counts by state, the devices ranked, Info and Ok apart, in one call")
    func devicesNeedingAttention() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_PORTAL_URL": "https://example.app.opsramp.com", "OPSRAMP_ALERT_DASHBOARD_ID": "dash-1"])
        let stats = try await server.callTool("get_alert_statistics_dashboard", ["since": "24h", "by_priority": true])
        #expect(stats["isError"] == false)
        let dayAgo = tenant.now.addingTimeInterval(-86_400)
        func openSince(_ alert: JSONValue) -> Bool {
            alert["closed"] != true && (opsRampDate(alert["createdDate"]).map { $0 >= dayAgo.addingTimeInterval(-5) } ?? false)
        }
        func count(_ state: String) -> Int {
            tenant.sample.alerts.filter { openSince($0) && $0["currentState"]?.stringValue == state }.count
        }
        let attention = tenant.sample.alerts.filter { openSince($0) && ["Critical", "Warning"].contains($0["currentState"]?.stringValue ?? "") }
        #expect(
            stats.structured?["attention"] == [
                "Critical": .int(count("Critical")), "Warning": .int(count("Warning")), "total": .int(attention.count),
            ])
        #expect(stats.structured?["otherOpen"] == ["Info": .int(count("Info")), "Ok": .int(count("Ok"))])
        // Priorities count the attention alerts, N/A included, so they add up to the attention total.
        let byPriority = stats.structured?["byPriority"]?.objectValue ?? [:]
        #expect(byPriority.keys.sorted() == ["N/A", "P0", "P1", "P2", "P3", "P4", "P5"])
        #expect(byPriority.values.compactMap(\.intValue).reduce(0, +) == attention.count)
        #expect(stats.structured?["dashboardUrl"] == "https://example.app.opsramp.com/portal/dashboards/dash-1")

        let expectedDevices = Set(attention.compactMap { $0["resource"]?["name"]?.stringValue })
        let devices = stats.structured?["devices"]
        let nameColumn = try #require(devices?["columns"]?.arrayValue?.firstIndex(of: "name"))
        let listed = (devices?["rows"]?.arrayValue ?? []).compactMap { $0[nameColumn]?.stringValue }
        #expect(!expectedDevices.isEmpty)
        #expect(Set(listed) == expectedDevices && listed.count == expectedDevices.count)
        #expect(stats.structured?["devicesTotal"]?.intValue == expectedDevices.count)
        // One page of attention alerts and one count each for Info and Ok: three paged searches, all for action OPEN.
        let searches = tenant.requests(on: .alerts)
        #expect(searches.count == 3)
        #expect(searches.allSatisfy { ($0.query["queryString"] ?? "").contains("actions:OPEN") })

        let grouped = try await server.callTool(
            "get_alerts", ["states": ["Critical", "Warning"], "open_only": true, "since": "24h", "group_by": "resource"])
        let groupedColumns = grouped.structured?["resources"]?["columns"]?.arrayValue ?? []
        let groupedNames = (grouped.structured?["resources"]?["rows"]?.arrayValue ?? []).compactMap {
            $0[groupedColumns.firstIndex(of: "name") ?? 0]?.stringValue
        }
        #expect(groupedNames == listed)
        tenant.expectNoSecrets(in: server)
    }

    @Test("minimal resources: filters in queryString, bare array, empty body and envelope all read")
    func minimalResources() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer()
        let found = try await server.callTool("get_minimal_resource_details", ["host_name": "ec2-api", "state": "all"])
        #expect(found["isError"] == false)
        let request = try #require(tenant.requests(on: .minimalResources).first)
        #expect(request.query["queryString"] == "hostName:ec2-api")
        #expect(request.query["state"] == "all")
        let names = (found.structured?["resources"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(!names.isEmpty && names.allSatisfy { $0.contains("ec2-api") })

        tenant.fake.emptyBodyWhenNoResources = true
        let none = try await server.callTool("get_minimal_resource_details", ["host_name": "no-such-host"])
        #expect(none["isError"] == false)
        #expect(none.structured?["matched"] == 0)

        tenant.fake.minimalResourcesAsEnvelope = true
        let enveloped = try await server.callTool("get_minimal_resource_details", ["ip_address": "10."])
        #expect(enveloped["isError"] == false)
        #expect((enveloped.structured?["returned"]?.intValue ?? 0) > 0)
        tenant.expectNoSecrets(in: server)
    }

    @Test("release version passes OpsRamp's answer through; both token paths work")
    func releaseVersionAndTokenPaths() async throws {
        let tenant = try FakeTenant()
        tenant.fake.releaseVersion = ["releaseVersion": "99.1.0", "patchVersion": "7"]
        for path in ["/tenancy/auth/oauth/token", "/auth/oauth/token"] {
            tenant.fake.reset()
            let server = try await tenant.startServer(["OPSRAMP_TOKEN_PATH": path])
            let result = try await server.callTool("get_release_version")
            #expect(result.structured?["release"] == ["releaseVersion": "99.1.0", "patchVersion": "7"])
            let token = try #require(tenant.requests(on: .token).first)
            #expect(token.path == path)
            #expect(token.formBody["grant_type"] == "client_credentials")
            #expect(token.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true)
            tenant.expectNoSecrets(in: server)
        }
    }

    @Test("100 concurrent first calls cause exactly one token request")
    func singleFlightTokens() async throws {
        let tenant = try FakeTenant(latency: 0.2)
        let server = try await tenant.startServer(["OPSRAMP_MCP_LOG_LEVEL": "info"])
        var lines: [UInt8] = []
        for index in 0..<100 {
            lines +=
                Array(#"{"jsonrpc":"2.0","id":"c\#(index)","method":"tools/call","params":{"name":"get_release_version","arguments":{}}}"#.utf8) + [
                    0x0A
                ]
        }
        server.write(lines)
        for index in 0..<100 {
            let response = try await server.response(id: .string("c\(index)"), timeout: 30)
            #expect(response["result"]?["isError"] == false)
        }
        #expect(tenant.fake.tokenRequestCount == 1)
        #expect(tenant.requests(on: .releaseVersion).count == 100)
        tenant.expectNoSecrets(in: server)
    }

    @Test("an expired token (407, or 401) is replaced once and the call succeeds")
    func expiredTokenRefresh() async throws {
        for status in [407, 401] {
            let tenant = try FakeTenant()
            tenant.fake.expiredTokenStatus = status
            let server = try await tenant.startServer()
            _ = try await server.callTool("get_release_version")
            tenant.fake.expireAllTokens()
            let result = try await server.callTool("get_release_version")
            #expect(result["isError"] == false)
            #expect(tenant.fake.tokenRequestCount == 2)
            let statuses = tenant.requests(on: .releaseVersion).count
            #expect(statuses == 3) // ok, refused, ok after refresh
            tenant.expectNoSecrets(in: server)
        }
    }

    @Test("wrong credentials: a clear error naming the variables, never the secret; the next call tries again")
    func badCredentials() async throws {
        let tenant = try FakeTenant()
        let server = try await tenant.startServer(["OPSRAMP_CLIENT_SECRET": "wrong-secret-value-123"])
        let result = try await server.callTool("get_alerts")
        #expect(result["isError"] == true)
        #expect(result.text.contains("Bad API credentials"))
        #expect(result.text.contains("OPSRAMP_CLIENT_SECRET"))
        #expect(!result.text.contains("wrong-secret-value-123"))
        _ = try await server.callTool("get_alerts")
        #expect(tenant.fake.tokenRequestCount == 2)
        #expect(!server.stderrText.contains("wrong-secret-value-123"))
    }

    @Test("paging: limit 1000 fetches pages of 500 and reports totals; the default size cap cuts with a note")
    func paging() async throws {
        let tenant = try FakeTenant()
        tenant.fake.alerts = (0..<1_234).map { index in
            FakeData.alert(
                id: 500_000 + index, state: index % 3 == 0 ? "Critical" : "Warning", priority: "P2",
                subject: "Synthetic alert \(index)", createdMinutesAgo: index, resourceID: "r-\(index % 40)",
                resourceName: "host-\(index % 40)", ip: "10.1.0.\(index % 40)", now: tenant.now)
        }
        let server = try await tenant.startServer(["OPSRAMP_MCP_MAX_RESULT_BYTES": "10000000"])
        let all = try await server.callTool("get_alerts", ["limit": 1000])
        #expect(all.structured?["returned"] == 1000)
        #expect(all.structured?["totalResults"] == 1234)
        #expect(all.structured?["moreAvailable"] == true)
        #expect(all.structured?["next"]?["arguments"]?["offset"] == 1000)
        #expect(all.structured?["next"]?["arguments"]?["limit"] == 1000)
        #expect(tenant.requests(on: .alerts).map { $0.query["pageNo"] ?? "" } == ["1", "2"])
        #expect(tenant.requests(on: .alerts).allSatisfy { $0.query["pageSize"] == "500" })

        let second = try await server.callTool("get_alerts", ["limit": 1000, "page": 2])
        #expect(second.structured?["returned"] == 234)
        #expect(second.structured?["moreAvailable"] == false)

        let capped = try await tenant.startServer()
        let cut = try await capped.callTool("get_alerts", ["limit": 1000])
        #expect(cut.text.utf8.count <= 40_000)
        #expect((cut.structured?["returned"]?.intValue ?? 0) > 0)
        #expect(cut.structured?["truncated"]?.stringValue?.contains("next continues") == true)
        let kept = cut.structured?["returned"]?.intValue ?? 0
        #expect(cut.structured?["next"]?["arguments"]?["offset"]?.intValue == kept)
        #expect(cut.structured?["next"]?["arguments"]?["limit"]?.intValue == 1000 - kept)
        tenant.expectNoSecrets(in: server)
    }
}
