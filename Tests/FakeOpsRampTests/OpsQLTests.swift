import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Fake OpsRamp: OpsQL queries (reference §9)")
struct OpsQLTests {
    @Test("alerts come back with only the requested fields, in OpsQL's names: id for uniqueId, currentState in capitals")
    func fieldProjection() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let reply = try await client.postJSON(
                client.opsqlPath,
                [
                    "objectType": "alert",
                    "fields": ["id", "currentState", "resource.name"],
                    "filterCriteria": "currentState = \"CRITICAL\" AND createdTime > \"-60min\" AND status = 'OPEN'",
                ], token: token)
            #expect(reply.status == 200)
            let body = try #require(reply.json)
            #expect(body["totalResults"] == nil)
            #expect(body["nextPage"] == false)
            let results = try #require(body["results"]?.arrayValue)
            #expect(results.count == 5)
            #expect(results.first == ["id": "100040", "currentState": "CRITICAL", "resource.name": "web-prod-01"])
        }
    }

    @Test("pageNo and pageSize page the results; nextPage tells whether more remain")
    func paging() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            var seen: [String] = []
            var pageNo = 1
            while true {
                let body = try #require(
                    try await client.postJSON(
                        client.opsqlPath,
                        [
                            "objectType": "resource", "fields": ["id", "name"], "pageNo": .int(pageNo), "pageSize": 5,
                        ], token: token
                    ).json)
                #expect(body["pageSize"] == 5)
                #expect(body["pageNo"] == .int(pageNo))
                seen += body["results"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                guard body["nextPage"] == true else { break }
                pageNo += 1
            }
            #expect(pageNo == 3)
            #expect(seen.count == 12)
            #expect(Set(seen).count == 12)
        }
    }

    @Test("count with an empty groupBy answers one count")
    func count() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let reply = try await client.postJSON(
                client.opsqlPath,
                [
                    "objectType": "resource", "filterCriteria": "make = \"AWS\" AND nativeType = 'EC2 Instance'",
                    "aggregateFunction": "count", "groupBy": [],
                ], token: token)
            #expect(reply.json == ["results": [["count": 4]], "pageNo": 1, "pageSize": 100, "nextPage": false])
        }
    }

    @Test("the v7 path is an alias; sortBy orders the results")
    func v7AliasAndSorting() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let reply = try await client.postJSON(
                "/opsql/api/v7/tenants/client_1234/queries",
                [
                    "objectType": "resource", "fields": ["name", "state"], "filterCriteria": "make = AWS",
                    "sortBy": "name", "sortByOrder": "DESC",
                ], token: token)
            #expect(
                reply.json?["results"] == [
                    ["name": "ec2-legacy-01", "state": "inactive"], ["name": "ec2-batch-01", "state": "inactive"],
                    ["name": "ec2-api-02", "state": "active"], ["name": "ec2-api-01", "state": "active"],
                ])
        }
    }

    @Test(
        "bad requests are 400 with code 0002",
        arguments: [
            (#"{"objectType":"alerts"}"#, "Invalid objectType"),
            (#"{"objectType":"alert","filterCriteria":"currentState = "}"#, "Invalid filterCriteria: unexpected end of filter"),
            (#"{"objectType":"alert","pageSize":1001}"#, "pageSize must be between 1 and 1000"),
            ("objectType=alert", "Invalid request body"),
        ])
    func badRequests(body: String, message: String) async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            let reply = try await client.send("POST", client.opsqlPath, token: token, body: Data(body.utf8), contentType: "application/json")
            #expect(reply.status == 400)
            #expect(reply.json?["code"] == "0002")
            #expect(reply.json?["message"]?.stringValue?.hasPrefix(message) == true)
        }
    }
}
