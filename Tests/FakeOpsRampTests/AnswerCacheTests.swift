import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Fake OpsRamp: cached answers (for the benchmark)")
struct AnswerCacheTests {
    @Test("a repeated GET is answered from the cache with the same bytes; new data is served at once")
    func repeatedAndChanged() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            client.fake.cachesAnswers = true
            let token = try await client.token()
            let path = client.tenantPath + "/alerts/search?pageNo=1&pageSize=5"
            let first = try await client.get(path, token: token)
            let second = try await client.get(path, token: token)
            #expect(client.fake.answersFromCache == 1)
            #expect(first.body == second.body)
            #expect(first.json?["results"]?.arrayValue?.count == 5)

            client.fake.alerts = Array(client.fake.alerts.prefix(2))
            let changed = try await client.get(path, token: token)
            #expect(changed.json?["results"]?.arrayValue?.count == 2)
            #expect(client.fake.answersFromCache == 1)
        }
    }

    @Test("the token is still checked for a cached answer, and nothing is cached unless asked")
    func tokenCheckedAndOff() async throws {
        try await FakeSession.run(configure: FakeSession.sampleTenant) { client in
            let token = try await client.token()
            let path = client.tenantPath + "/alerts/search?pageNo=1&pageSize=5"
            _ = try await client.get(path, token: token)
            _ = try await client.get(path, token: token)
            #expect(client.fake.answersFromCache == 0)

            client.fake.cachesAnswers = true
            _ = try await client.get(path, token: token)
            let refused = try await client.get(path, token: "not-a-token")
            #expect(refused.status == 407)
            #expect(client.fake.answersFromCache == 0)
        }
    }
}
