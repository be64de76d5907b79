import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Fake OpsRamp: alerts search (reference §5, §6)")
struct AlertsSearchTests {
    /// `yyyy-MM-ddTHH:mm:ss 0000`, the queryString date form (the space stands for `+`).
    static func queryDate(minutesAgo: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.string(from: Date().addingTimeInterval(-Double(minutesAgo) * 60)) + " 0000"
    }

    @Test("the envelope echoes pageSize and reports totalPages, nextPage and nextPageNo")
    func pagingEnvelope() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let first = try #require(try await client.get(client.tenantPath + "/alerts/search?pageNo=1&pageSize=15", token: token).json)
            #expect(first["totalResults"] == 40)
            #expect(first["pageSize"] == 15)
            #expect(first["pageNo"] == 1)
            #expect(first["totalPages"] == 3)
            #expect(first["nextPage"] == true)
            #expect(first["nextPageNo"] == 2)
            #expect(first["descendingOrder"] == true)
            #expect(first["results"]?.arrayValue?.count == 15)
            #expect(first["results"]?.arrayValue?.first?["uniqueId"] == "100040")

            let last = try #require(try await client.get(client.tenantPath + "/alerts/search?pageNo=3&pageSize=15", token: token).json)
            #expect(last["results"]?.arrayValue?.count == 10)
            #expect(last["nextPage"] == false)
            #expect(last["nextPageNo"] == nil)
        }
    }

    @Test("defaults are pageNo 1 and pageSize 100; an empty result has totalPages 0")
    func defaultsAndEmpty() async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            let reply = try await client.get(client.tenantPath + "/alerts/search", token: token)
            #expect(
                reply.json == [
                    "results": [], "totalResults": 0, "orderBy": "ts", "pageNo": 1, "pageSize": 100,
                    "totalPages": 0, "nextPage": false, "descendingOrder": true,
                ])
        }
    }

    @Test("pageSize above 500 is a 400 validation array")
    func pageSizeLimit() async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            let reply = try await client.get(client.tenantPath + "/alerts/search?pageSize=501", token: token)
            #expect(reply.status == 400)
            #expect(reply.json?.arrayValue?.first?["code"] == "0002")
            #expect(reply.json?.arrayValue?.first?["fieldName"] == "pageSize")
        }
    }

    @Test("a queryString sent with %2B and %20 filters critical alerts of the last hour")
    func encodedQueryString() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let queryString = "states:Critical+startDate:\(Self.queryDate(minutesAgo: 60))+alertTimeBase:created"
            let encoded = FakeSession.encode(queryString)
            #expect(encoded.contains("%2B") && encoded.contains("%20"))
            let reply = try await client.get(client.tenantPath + "/alerts/search?queryString=\(encoded)", token: token)
            let body = try #require(reply.json)
            #expect(body["totalResults"] == 5)
            let ids = body["results"]?.arrayValue?.compactMap { $0["uniqueId"]?.stringValue }
            #expect(ids == ["100040", "100038", "100036", "100034", "100032"])
            let recorded = try #require(client.fake.requests.last)
            #expect(recorded.rawQuery == "queryString=\(encoded)")
            #expect(recorded.query["queryString"] == queryString)
        }
    }

    @Test("a literal + in the raw query decodes to a space, as on a Java server")
    func literalPlusIsSpace() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let reply = try await client.get(client.tenantPath + "/alerts/search?queryString=states:Critical+priority:P1", token: token)
            let recorded = try #require(client.fake.requests.last)
            #expect(recorded.rawQuery == "queryString=states:Critical+priority:P1")
            #expect(recorded.query["queryString"] == "states:Critical priority:P1")
            #expect(reply.json?["totalResults"] == 0)
        }
    }

    @Test("states, priority, actions, resourceIds and metrics combine")
    func filters() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            func total(_ queryString: String) async throws -> Int? {
                let path = client.tenantPath + "/alerts/search?queryString=" + FakeSession.encode(queryString)
                return try await client.get(path, token: token).json?["totalResults"]?.intValue
            }
            #expect(try await total("states:CRITICAL,warning") == 30)
            #expect(try await total("states:Critical+actions:OPEN") == 8)
            #expect(try await total("actions:CLOSED") == 21)
            #expect(try await total("actions:ACKNOWLEDGED") == 2)
            #expect(try await total("priority:P0") == 3)
            #expect(try await total("resourceIds:6f1c2a10-5b7e-4c3e-9a11-000000000003") == 6)
            #expect(try await total("metrics:system.disk.utilization+actions:OPEN") == 1)
            #expect(try await total("uniqueId:100040,100001") == 2)
            #expect(try await total("clientIds:client_1234+alertTypes:Monitoring") == 40)
        }
    }

    @Test("startDate/endDate apply to updatedTime unless alertTimeBase is created")
    func timeBase() async throws {
        let now = Date()
        let alert = FakeData.alert(
            id: 1, state: "Critical", priority: "P1", subject: "old but updated",
            createdMinutesAgo: 600, resourceID: "r1", resourceName: "host", ip: "10.0.0.1",
            closed: true, now: now)
        guard case .object(var members) = alert else { return }
        members["updatedTime"] = .string(String(Self.queryDate(minutesAgo: 5).prefix(19)) + "+0000")
        try await FakeSession.run(
            configure: { $0.alerts = [.object(members)] },
            body: { client in
                let token = try await client.token()
                let since = "startDate:\(Self.queryDate(minutesAgo: 60))"
                let updated = try await client.get(client.tenantPath + "/alerts/search?queryString=" + FakeSession.encode(since), token: token)
                #expect(updated.json?["totalResults"] == 1)
                let created = try await client.get(
                    client.tenantPath + "/alerts/search?queryString="
                        + FakeSession.encode(since + "+alertTimeBase:created"), token: token)
                #expect(created.json?["totalResults"] == 0)
            })
    }

    @Test(
        "unknown keys, keys without values and unparseable dates are 400 validation errors",
        arguments: ["hostName:web", "states", "startDate:yesterday", "startDate:2024-01-01T00:00:00+0000"])
    func invalidQueryStrings(queryString: String) async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            let reply = try await client.get(client.tenantPath + "/alerts/search?queryString=" + FakeSession.encode(queryString), token: token)
            #expect(reply.status == 400)
            let problem = try #require(reply.json?.arrayValue?.first)
            #expect(problem["code"] == "0002")
            #expect(problem["fieldName"] == "queryString")
        }
    }

    @Test("ascending order reverses the newest-first data; sortName sorts by a field")
    func ordering() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let ascending = try await client.get(client.tenantPath + "/alerts/search?isDescendingOrder=false&pageSize=1", token: token)
            #expect(ascending.json?["results"]?.arrayValue?.first?["uniqueId"] == "100001")
            #expect(ascending.json?["descendingOrder"] == false)
            let byID = try await client.get(client.tenantPath + "/alerts/search?sortName=id&isDescendingOrder=false&pageSize=2", token: token)
            #expect(byID.json?["results"]?.arrayValue?.compactMap { $0["uniqueId"]?.stringValue } == ["100001", "100002"])
            #expect(byID.json?["orderBy"] == "id")
        }
    }
}
