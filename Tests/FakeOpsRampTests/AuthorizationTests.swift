import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Fake OpsRamp: bearer tokens, tenants, routing (reference §3, §4)")
struct AuthorizationTests {
    @Test("API calls without a bearer token get 407 invalid_token")
    func bearerRequired() async throws {
        try await FakeSession.run { client in
            let reply = try await client.get("/tenancy/api/v3/release-version", token: nil)
            #expect(reply.status == 407)
            #expect(reply.json?["error"] == "invalid_token")
        }
    }

    @Test("a valid token works, with the scheme in any case")
    func bearerAccepted() async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            let reply = try await client.send(
                "GET", "/tenancy/api/v3/release-version",
                headers: ["Authorization": "bearer \(token)"])
            #expect(reply.status == 200)
            #expect(reply.json == ["releaseVersion": "21.0.0", "patchVersion": "3"])
        }
    }

    @Test("expired tokens get 407 naming the token's first 8 characters")
    func expiredTokens() async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            client.fake.expireAllTokens()
            let reply = try await client.get("/tenancy/api/v3/release-version", token: token)
            #expect(reply.status == 407)
            #expect(reply.json == ["error": "invalid_token", "error_description": .string("Invalid access token: \(token.prefix(8))...")])
        }
    }

    @Test("expired tokens can answer 401 instead")
    func expiredTokensAs401() async throws {
        try await FakeSession.run(
            configure: { $0.expiredTokenStatus = 401 },
            body: { client in
                let reply = try await client.get("/tenancy/api/v3/release-version", token: "not-a-token")
                #expect(reply.status == 401)
                #expect(reply.json?["error"] == "invalid_token")
            })
    }

    @Test("tokens stop working after tokenLifetime seconds")
    func tokenLifetime() async throws {
        try await FakeSession.run(
            configure: { $0.tokenLifetime = 1 },
            body: { client in
                let token = try await client.token()
                #expect(try await client.get("/tenancy/api/v3/release-version", token: token).status == 200)
                try await Task.sleep(for: .milliseconds(1100))
                #expect(try await client.get("/tenancy/api/v3/release-version", token: token).status == 407)
            })
    }

    @Test("another tenant is 404 No tenant found; unknown paths 404; wrong methods 405")
    func routing() async throws {
        try await FakeSession.run { client in
            let token = try await client.token()
            let otherTenant = try await client.get("/api/v2/tenants/client_9/alerts/search", token: token)
            #expect(otherTenant.status == 404)
            #expect(otherTenant.json == ["code": "0003", "message": "No tenant found: client_9"])
            let unknown = try await client.get("/api/v2/tenants/client_1234/nothing", token: token)
            #expect(unknown.status == 404)
            #expect(unknown.json == ["code": "0404", "message": "Not found"])
            let trailingSlash = try await client.get(client.tenantPath + "/alerts/search/", token: token)
            #expect(trailingSlash.status == 404)
            let wrongMethod = try await client.send("DELETE", client.tenantPath + "/alerts/search", token: token)
            #expect(wrongMethod.status == 405)
            #expect(client.fake.requests.map(\.route) == [.token, .alerts, nil, nil, .alerts])
        }
    }

    @Test("every answer carries X-RateLimit-Limit, -Remaining and -Reset")
    func rateLimitHeaders() async throws {
        try await FakeSession.run { client in
            let first = try await client.requestToken()
            let second = try await client.get("/tenancy/api/v3/release-version", token: nil)
            for reply in [first, second] {
                #expect(reply.header("X-RateLimit-Limit") == "500")
                let reset = try #require(reply.header("X-RateLimit-Reset").flatMap(Int.init))
                #expect(abs(Double(reset) - Date().timeIntervalSince1970) <= 61)
            }
            let remaining = [first, second].compactMap { $0.header("X-RateLimit-Remaining").flatMap(Int.init) }
            #expect(remaining.count == 2)
            #expect(remaining[1] < remaining[0] || remaining[1] == 499)
        }
    }
}
