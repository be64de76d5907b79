import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real API's variants the fake serves when a test asks for them (reference §14).
@Suite("Fake OpsRamp: variants of the real API (reference §14)")
struct VariantsTests {
    func total(_ client: FakeSession, _ token: String, queryString: String? = nil, statusHistory: String? = nil) async throws -> Reply {
        var parameters: [String] = []
        if let queryString { parameters.append("queryString=" + FakeSession.encode(queryString)) }
        if let statusHistory { parameters.append("statusHistory=" + FakeSession.encode(statusHistory)) }
        return try await client.get(client.tenantPath + "/alerts/search?" + parameters.joined(separator: "&"), token: token)
    }

    @Test("statusHistory keys filter in their own parameter; inside queryString they are ignored, or 400 when strict")
    func statusHistory() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            #expect(try await total(client, token, statusHistory: "acknowledgedBy:ops.engineer").json?["totalResults"] == 2)
            #expect(try await total(client, token, statusHistory: "closedBy:system").json?["totalResults"] == 21)
            #expect(
                try await total(client, token, queryString: "states:Critical", statusHistory: "acknowledgedBy:OPS.ENGINEER")
                    .json?["totalResults"] == 2)
            let since = AlertsSearchTests.queryDate(minutesAgo: 120)
            #expect(try await total(client, token, statusHistory: "startAcknowledgedTime:\(since)").json?["totalResults"] == 1)
            let unknown = try await total(client, token, statusHistory: "states:Critical")
            #expect(unknown.status == 400)
            #expect(unknown.json?[0]?["fieldName"] == "statusHistory")

            // By default a statusHistory key in queryString is accepted and has no effect.
            #expect(try await total(client, token, queryString: "closedBy:system").json?["totalResults"] == 40)
            client.fake.variants.rejectStatusHistoryKeysInQueryString = true
            let rejected = try await total(client, token, queryString: "states:Critical+closedBy:system")
            #expect(rejected.status == 400)
            #expect(rejected.json?[0]?["message"] == "Invalid query key: closedBy")
            #expect(try await total(client, token, statusHistory: "closedBy:system").status == 200)
        }
    }

    @Test("startDate without endDate is answered by default, and is a 400 when the variant asks for pairs")
    func unpairedDates() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let start = "startDate:\(AlertsSearchTests.queryDate(minutesAgo: 60))"
            let end = "endDate:\(AlertsSearchTests.queryDate(minutesAgo: 0))"
            #expect(try await total(client, token, queryString: start).status == 200)
            client.fake.variants.rejectUnpairedDates = true
            let lone = try await total(client, token, queryString: start)
            #expect(lone.status == 400)
            #expect(lone.json?[0]?["message"] == "startDate and endDate must be given together")
            #expect(try await total(client, token, queryString: end).status == 400)
            let paired = try await total(client, token, queryString: start + "+" + end + "+alertTimeBase:created+states:Critical")
            #expect(paired.status == 200)
            #expect(paired.json?["totalResults"] == 5)
        }
    }

    @Test("an errorObject fault answers 200 with OpsRamp's error object instead of results")
    func errorObject() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            client.fake.inject(.errorObject(code: "0002", message: "Invalid search key"), on: .alerts)
            let reply = try await total(client, token)
            #expect(reply.status == 200)
            #expect(reply.json == ["code": "0002", "message": "Invalid search key"])
            #expect(try await total(client, token).json?["totalResults"] == 40)
        }
    }

    @Test("RCA, inference and legacy alerts: found by device id, by createdTime, and served in their own shapes")
    func variedAlerts() async throws {
        let now = Date()
        try await FakeSession.run(
            configure: { $0.alerts = FakeData.variedAlerts(now: now) },
            body: { client in
                let token = try await client.token()
                let all = try #require(try await total(client, token).json?["results"]?.arrayValue)
                #expect(all.map { $0["eventType"]?.stringValue ?? "" } == ["RCA", "RCA", "RCA", "INFERENCE", "ALERT"])
                #expect(all[0]["resource"] == .null)
                #expect(all[1]["resource"] == [:])
                #expect(all[2]["resource"] == nil)
                #expect(all[3]["resource"] == ["name": "acme-aiops", "type": "CLIENT", "metaData": [:]])
                #expect(all[3]["device"] == nil)
                #expect(all[4]["createdDate"] == nil)
                #expect(all[4]["createdTime"]?.intValue.map { abs(Double($0) / 1000 - now.timeIntervalSince1970 + 2_400) < 2 } == true)

                #expect(try await total(client, token, queryString: "resourceIds:dev-rca-1").json?["totalResults"] == 1)
                #expect(try await total(client, token, queryString: "resourceIds:dev-legacy-1").json?["totalResults"] == 1)
                let window = "startDate:\(AlertsSearchTests.queryDate(minutesAgo: 45))+endDate:\(AlertsSearchTests.queryDate(minutesAgo: 30))"
                let legacy = try await total(client, token, queryString: window + "+alertTimeBase:created")
                #expect(legacy.json?["results"]?[0]?["uniqueId"] == "700005")
                #expect(legacy.json?["totalResults"] == 1)
            })
    }

    @Test("a partner tenant's alerts belong to several clients and clientIds selects one")
    func partnerTenant() async throws {
        let partner = FakeData.partnerTenant(now: Date())
        let fake = FakeOpsRamp(tenantID: partner.tenantID)
        fake.alerts = partner.alerts
        try fake.start()
        defer { fake.stop() }
        let urlSession = URLSession(configuration: .ephemeral)
        defer { urlSession.invalidateAndCancel() }
        let session = FakeSession(fake: fake, session: urlSession)
        let token = try await session.token()
        let path = "/api/v2/tenants/\(partner.tenantID)/alerts/search"
        let all = try #require(try await session.get(path, token: token).json?["results"]?.arrayValue)
        #expect(Set(all.compactMap { $0["clientUniqueId"]?.stringValue }) == ["client_901", "client_902"])
        #expect(Set(all.compactMap { $0["tenantName"]?.stringValue }) == ["Northwind Traders", "Contoso Ltd"])
        #expect(Set(all.compactMap { $0["subject"]?.stringValue }).count == 1)
        let one = try await session.get(path + "?queryString=clientIds:client_901", token: token)
        #expect(one.json?["totalResults"] == 3)
        #expect(try await session.get("/api/v2/tenants/client_1234/alerts/search", token: token).status == 404)
    }

    @Test("a large resources/minimal envelope pages over several pages by pageNo")
    func pagedMinimal() async throws {
        try await FakeSession.run(
            configure: {
                $0.resources = FakeData.resources(count: 208)
                $0.minimalResourcesAsEnvelope = true
            },
            body: { client in
                let token = try await client.token()
                var names: [String] = []
                for pageNo in 1...3 {
                    let body = try #require(try await client.get(client.tenantPath + "/resources/minimal?pageNo=\(pageNo)", token: token).json)
                    #expect(body["totalResults"] == 208)
                    #expect(body["totalPages"] == 3)
                    #expect(body["nextPage"] == .bool(pageNo < 3))
                    names += body["results"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                }
                #expect(names.count == 208)
                #expect(Set(names).count == 208)
            })
    }

    @Test("resourceType as the category and deviceType as the operating system, when asked for")
    func resourceTypeVocabularies() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            func names(_ queryString: String) async throws -> [String] {
                let path = client.tenantPath + "/resources/minimal?queryString=" + FakeSession.encode(queryString)
                return try await client.get(path, token: token).json?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            }
            #expect(try await names("resourceType:Windows") == ["win-ad-01", "win-file-01"])
            client.fake.variants.resourceTypeIsCategory = true
            #expect(try await names("resourceType:Windows").isEmpty)
            #expect(try await names("deviceType:Windows") == ["win-ad-01", "win-file-01"])
            #expect(try await names("resourceType:DEVICE").count == 9)
        }
    }

    @Test("OpsQL: a count can come as {count: N}; join queries can be limited to pages of 100")
    func opsqlVariants() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let critical = client.fake.alerts.filter { $0["currentState"] == "Critical" }.count
            let count: JSONValue = [
                "objectType": "alert", "filterCriteria": "currentState = \"critical\"", "aggregateFunction": "count", "groupBy": [],
            ]
            #expect(try await client.postJSON(client.opsqlPath, count, token: token).json?["results"]?[0]?["count"] == .int(critical))
            client.fake.variants.opsqlCountAsObject = true
            #expect(try await client.postJSON(client.opsqlPath, count, token: token).json == ["count": .int(critical)])

            let join: JSONValue = ["objectType": "alert", "fields": ["id", "resource.name"], "pageSize": 500]
            #expect(try await client.postJSON(client.opsqlPath, join, token: token).status == 200)
            client.fake.variants.opsqlJoinPageLimit = 100
            let refused = try await client.postJSON(client.opsqlPath, join, token: token)
            #expect(refused.status == 400)
            #expect(refused.json?["message"]?.stringValue?.contains("at most 100") == true)
            let filtered: JSONValue = ["objectType": "resource", "fields": ["id"], "filterCriteria": "tags.name = \"env\"", "pageSize": 500]
            #expect(try await client.postJSON(client.opsqlPath, filtered, token: token).status == 400)
            let small: JSONValue = ["objectType": "alert", "fields": ["id", "resource.name"], "pageSize": 100]
            #expect(try await client.postJSON(client.opsqlPath, small, token: token).status == 200)
            let plain: JSONValue = ["objectType": "alert", "fields": ["id"], "pageSize": 500]
            #expect(try await client.postJSON(client.opsqlPath, plain, token: token).status == 200)
        }
    }
}
