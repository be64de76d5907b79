import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Fake OpsRamp: OAuth2 token endpoint (reference §2)")
struct TokenTests {
    @Test("a token is issued on both token paths, a new one each time", arguments: ["/tenancy/auth/oauth/token", "/auth/oauth/token"])
    func tokenOnBothPaths(path: String) async throws {
        try await FakeSession.run { client in
            let first = try await client.requestToken(path: path)
            let second = try await client.requestToken(path: path)
            #expect(first.status == 200)
            let body = try #require(first.json)
            #expect(body["token_type"] == "bearer")
            #expect(body["expires_in"] == 7199)
            #expect(body["scope"] == "global:manage")
            let token = try #require(body["access_token"]?.stringValue)
            #expect(UUID(uuidString: token) != nil)
            #expect(second.json?["access_token"]?.stringValue != token)
            #expect(client.fake.tokenRequestCount == 2)
            let recorded = try #require(client.fake.requests.first)
            #expect(recorded.route == .token)
            #expect(recorded.formBody["grant_type"] == "client_credentials")
        }
    }

    @Test("bad credentials are refused with 401 Bad API credentials")
    func badCredentials() async throws {
        try await FakeSession.run { client in
            let reply = try await client.requestToken(clientSecret: "wrong")
            #expect(reply.status == 401)
            #expect(reply.json == ["error": "unauthorized", "error_description": "Bad API credentials"])
            #expect(client.fake.tokenRequestCount == 1)
        }
    }

    @Test("another grant type is 400 unsupported_grant_type")
    func wrongGrant() async throws {
        try await FakeSession.run { client in
            let reply = try await client.requestToken(grantType: "password")
            #expect(reply.status == 400)
            #expect(reply.json == ["error": "unsupported_grant_type", "error_description": "Unsupported grant type: password"])
        }
    }

    @Test("a body that is not form-encoded is 400 invalid_request")
    func notForm() async throws {
        try await FakeSession.run { client in
            let body: JSONValue = ["grant_type": "client_credentials", "client_id": "test-client", "client_secret": "test-secret"]
            let reply = try await client.postJSON("/tenancy/auth/oauth/token", body, token: nil)
            #expect(reply.status == 400)
            #expect(reply.json?["error"] == "invalid_request")
        }
    }

    @Test("expires_in follows tokenLifetime and can be sent as a string")
    func expiresInAsString() async throws {
        try await FakeSession.run(
            configure: {
                $0.tokenLifetime = 120
                $0.expiresInAsString = true
            },
            body: { client in
                let reply = try await client.requestToken()
                #expect(reply.json?["expires_in"] == "120")
            })
    }

    @Test("GET on a token path is 405")
    func getIsNotAllowed() async throws {
        try await FakeSession.run { client in
            let reply = try await client.get("/auth/oauth/token", token: nil)
            #expect(reply.status == 405)
            #expect(reply.header("Allow") == "POST")
        }
    }
}
