import Foundation
import OpsRampHTTP
import OpsRampLogging
import OpsRampSecrets
import Synchronization
import Testing

@testable import OpsRampAuth

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Answers every request with a fixed response and remembers the request.
final class CannedTransport: HTTPTransport {
    let response: Result<HTTPResponse, TransportError>
    let seen = Mutex<[URLRequest]>([])

    init(_ response: Result<HTTPResponse, TransportError>) {
        self.response = response
    }

    func send(_ request: URLRequest, limits: TransferLimits) async throws(TransportError) -> HTTPResponse {
        seen.withLock { $0.append(request) }
        return try response.get()
    }
}

@Suite("Client-credentials grant")
struct ClientCredentialsGrantTests {
    func grant(_ status: Int, _ body: String) -> (ClientCredentialsGrant, CannedTransport) {
        let transport = CannedTransport(.success(HTTPResponse(status: status, headers: [:], body: Data(body.utf8))))
        // swift-format-ignore: NeverForceUnwrap
        // A literal URL: it always parses.
        let grant = ClientCredentialsGrant(
            tokenURL: URL(string: "https://acme.api.opsramp.com/tenancy/auth/oauth/token")!,
            clientID: "my key", clientSecret: Secret("s3cr3t+&=value"), transport: transport,
            limits: TransferLimits(timeout: .seconds(5), maximumBodyBytes: 65_536),
            logger: Logger(label: "test", backend: LogBackend(level: .emergency)))
        return (grant, transport)
    }

    @Test("posts a form-encoded client-credentials request")
    func requestShape() async throws {
        let (grant, transport) = grant(200, #"{"access_token":"abc-123-token","token_type":"bearer","expires_in":7199,"scope":"global:manage"}"#)
        let token = try await grant.fetch()
        #expect(token.accessToken.exposedValue == "abc-123-token")
        #expect(token.expiresIn == .seconds(7199))
        let request = try #require(transport.seen.withLock { $0.first })
        #expect(request.httpMethod == "POST")
        #expect(request.value(forHTTPHeaderField: "Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.value(forHTTPHeaderField: "Accept") == "application/json")
        let body = String(decoding: request.httpBody ?? Data(), as: UTF8.self)
        #expect(body == "grant_type=client_credentials&client_id=my%20key&client_secret=s3cr3t%2B%26%3Dvalue")
    }

    @Test("expires_in may be a string")
    func stringLifetime() async throws {
        let (grant, _) = grant(200, #"{"access_token":"abc-123-token","expires_in":"7199"}"#)
        #expect(try await grant.fetch().expiresIn == .seconds(7199))
    }

    @Test(
        "failures map to errors that say what to check",
        arguments: [
            (401, #"{"error":"unauthorized","error_description":"Bad API credentials"}"#, "rejected"),
            (400, #"{"error":"unsupported_grant_type"}"#, "rejected"),
            (503, "<html>down</html>", "unavailable"),
            (404, "", "unexpected"),
            (200, "<html>login page</html>", "unexpected"),
            (200, #"{"token_type":"bearer","expires_in":7199}"#, "unexpected"),
            (200, #"{"access_token":"abc-123-token"}"#, "unexpected"),
        ])
    func failures(status: Int, body: String, kind: String) async {
        let (grant, _) = grant(status, body)
        do {
            _ = try await grant.fetch()
            Issue.record("expected a failure")
        } catch {
            switch (kind, error) {
            case ("rejected", .rejected): #expect(error.description.contains("OPSRAMP_CLIENT_SECRET"))
            case ("unavailable", .unavailable): #expect(error.isTransient)
            case ("unexpected", .unexpectedResponse): #expect(!error.isTransient)
            default: Issue.record("wrong error \(error) for \(kind)")
            }
            #expect(!error.description.contains("s3cr3t"))
        }
    }

    @Test("absurd lifetimes from the network never trap: capped at a day, or refused")
    func absurdLifetimes() async throws {
        let (huge, _) = grant(200, #"{"access_token":"abc-123-token","expires_in":1e300}"#)
        #expect(try await huge.fetch().expiresIn == .seconds(86_400))
        for body in [
            #"{"access_token":"abc-123-token","expires_in":"inf"}"#, #"{"access_token":"abc-123-token","expires_in":"nan"}"#,
            #"{"access_token":"abc-123-token","expires_in":-5}"#,
        ] {
            let (bad, _) = grant(200, body)
            await #expect(throws: TokenError.self) { try await bad.fetch() }
        }
    }

    @Test("an unreachable endpoint is a transient error")
    func unreachable() async {
        let transport = CannedTransport(.failure(.cannotConnect("refused")))
        let grant = ClientCredentialsGrant(
            tokenURL: URL(string: "https://acme.api.opsramp.com/auth/oauth/token")!, clientID: "k", clientSecret: Secret("secret-value"),
            transport: transport, limits: TransferLimits(timeout: .seconds(1), maximumBodyBytes: 1024),
            logger: Logger(label: "test", backend: LogBackend(level: .emergency)))
        await #expect(throws: TokenError.network(host: "acme.api.opsramp.com", .cannotConnect("refused"))) { try await grant.fetch() }
        #expect(TokenError.network(host: "acme.api.opsramp.com", .cannotConnect("refused")).isTransient)
        #expect(
            TokenError.network(host: "acme.api.opsramp.com", .cannotConnect("refused")).description
                == "Could not get an access token: the token endpoint at acme.api.opsramp.com failed: cannot connect (refused). "
                + "Check OPSRAMP_BASE_URL and the network.")
    }

    @Test(
        "a certificate or proxy failure is not transient, and its message names the setting to change",
        arguments: [
            (TransportError.certificateRejected("SSL certificate problem: unable to get local issuer certificate"), "OPSRAMP_CA_BUNDLE"),
            (.proxyFailed("CONNECT tunnel failed, response 403"), "HTTPS_PROXY"),
        ])
    func networkSettings(_ failure: TransportError, _ setting: String) {
        let error = TokenError.network(host: "acme.api.opsramp.com", failure)
        #expect(!error.isTransient)
        #expect(error.description.contains(setting), "\(error.description)")
        #expect(error.description.contains("acme.api.opsramp.com"))
        #expect(!error.description.contains("Check OPSRAMP_BASE_URL and the network"))
    }
}
