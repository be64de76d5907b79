import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Fake OpsRamp: resources/minimal (reference §7)")
struct MinimalResourcesTests {
    @Test("answers a bare array of minimal objects for active resources by default")
    func bareArray() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let reply = try await client.get(client.tenantPath + "/resources/minimal", token: token)
            let items = try #require(reply.json?.arrayValue)
            #expect(items.count == 9)
            let first = try #require(items.first?.objectValue)
            #expect(Set(first.keys) == ["id", "name", "hostName", "ipAddress", "aliasName", "resourceName", "resourceType", "dnsName"])
            #expect(first["name"] == "web-prod-01")
        }
    }

    @Test("state=all, inactive and discovered select by resource state")
    func stateParameter() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            for (state, count) in [("all", 12), ("inactive", 2), ("discovered", 1), ("ACTIVE", 9)] {
                let reply = try await client.get(client.tenantPath + "/resources/minimal?state=\(state)", token: token)
                #expect(reply.json?.arrayValue?.count == count, "state=\(state)")
            }
            let invalid = try await client.get(client.tenantPath + "/resources/minimal?state=gone", token: token)
            #expect(invalid.status == 400)
        }
    }

    @Test("queryString matches substrings case-insensitively, exactly with isEquals:true")
    func queryStringMatching() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            func names(_ queryString: String, state: String = "all") async throws -> [String] {
                let path = client.tenantPath + "/resources/minimal?state=\(state)&queryString=" + FakeSession.encode(queryString)
                return try await client.get(path, token: token).json?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            }
            #expect(try await names("hostName:EC2-API") == ["ec2-api-01", "ec2-api-02"])
            #expect(try await names("hostName:ec2-api+isEquals:true").isEmpty)
            #expect(try await names("hostName:ec2-api-01.ec2.internal+isEquals:true") == ["ec2-api-01"])
            #expect(try await names("ipAddress:172.31.+agentInstalled:false") == ["ec2-legacy-01"])
            #expect(try await names("resourceType:Windows", state: "active") == ["win-ad-01", "win-file-01"])
            #expect(try await names("agentInstalled:true+state:inactive") == ["ec2-batch-01"])
            let unknown = try await client.get(client.tenantPath + "/resources/minimal?queryString=make:AWS", token: token)
            #expect(unknown.status == 400)
            #expect(unknown.json?.arrayValue?.first?["message"] == "Invalid query key: make")
        }
    }

    @Test("no match answers [] by default, an empty body when configured")
    func emptyAnswers() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let path = client.tenantPath + "/resources/minimal?queryString=hostName:nothing-like-this"
            let bracket = try await client.get(path, token: token)
            #expect(bracket.status == 200)
            #expect(bracket.text == "[]")
            client.fake.emptyBodyWhenNoResources = true
            let empty = try await client.get(path, token: token)
            #expect(empty.status == 200)
            #expect(empty.body.isEmpty)
            #expect(empty.header("Content-Length") == "0")
        }
    }

    @Test("the envelope mode wraps results in the §5 envelope")
    func envelopeMode() async throws {
        try await FakeSession.run(
            configure: {
                FakeSession.sampleTenant($0)
                $0.minimalResourcesAsEnvelope = true
            },
            body: { client in
                let token = try await client.token()
                let body = try #require(try await client.get(client.tenantPath + "/resources/minimal?pageSize=5", token: token).json)
                #expect(body["totalResults"] == 9)
                #expect(body["totalPages"] == 2)
                #expect(body["nextPageNo"] == 2)
                #expect(body["results"]?.arrayValue?.count == 5)
            })
    }
}
