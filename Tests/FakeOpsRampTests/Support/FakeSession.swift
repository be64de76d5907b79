import FakeOpsRamp
import Foundation
import OpsRampJSON

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP answer as URLSession delivered it.
struct Reply: Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data

    var json: JSONValue? { try? JSONParser.parse(Array(body)) }
    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// A started fake plus a URLSession pointed at it; the way every test talks to the fake.
struct FakeSession: Sendable {
    let fake: FakeOpsRamp
    let session: URLSession

    /// Starts a fake, runs `body`, and always stops the fake afterwards.
    static func run(
        configure: (FakeOpsRamp) -> Void = { _ in },
        body: (FakeSession) async throws -> Void
    ) async throws {
        let fake = FakeOpsRamp()
        configure(fake)
        try fake.start()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        let session = URLSession(configuration: configuration)
        defer {
            session.invalidateAndCancel()
            fake.stop()
        }
        try await body(FakeSession(fake: fake, session: session))
    }

    /// The sample tenant of `FakeData`, loaded into the fake.
    static func sampleTenant(_ fake: FakeOpsRamp) {
        let sample = FakeData.sampleTenant(now: Date())
        fake.alerts = sample.alerts
        fake.resources = sample.resources
    }

    func send(
        _ method: String, _ pathAndQuery: String, token: String? = nil, body: Data? = nil,
        contentType: String? = nil, headers: [String: String] = [:], timeout: TimeInterval = 10
    ) async throws -> Reply {
        guard let url = URL(string: fake.baseURL + pathAndQuery) else { throw URLError(.badURL) }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name] = value }
        }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    func get(_ pathAndQuery: String, token: String?, timeout: TimeInterval = 10) async throws -> Reply {
        try await send("GET", pathAndQuery, token: token, timeout: timeout)
    }

    func postJSON(_ path: String, _ value: JSONValue, token: String?) async throws -> Reply {
        try await send("POST", path, token: token, body: Data(JSONWriter.bytes(value)), contentType: "application/json")
    }

    func requestToken(
        path: String = "/tenancy/auth/oauth/token", clientID: String = "test-client",
        clientSecret: String = "test-secret", grantType: String = "client_credentials"
    ) async throws -> Reply {
        let form = "grant_type=\(grantType)&client_id=\(clientID)&client_secret=\(clientSecret)"
        return try await send("POST", path, body: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
    }

    /// A valid access token from the token endpoint.
    func token() async throws -> String {
        let reply = try await requestToken()
        guard let token = reply.json?["access_token"]?.stringValue else { throw URLError(.userAuthenticationRequired) }
        return token
    }

    var tenantPath: String { "/api/v2/tenants/client_1234" }
    var opsqlPath: String { "/opsql/api/v3/tenants/client_1234/queries" }

    /// Percent-encodes everything but unreserved characters, so `+` goes out as `%2B` and a space as `%20`.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
