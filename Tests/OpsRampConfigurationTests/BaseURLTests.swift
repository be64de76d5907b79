import Foundation
import Testing

@testable import OpsRampConfiguration

@Suite("Configuration: base URL mistakes named before any request")
struct BaseURLTests {
    let complete = [
        "OPSRAMP_CLIENT_ID": "key-123",
        "OPSRAMP_CLIENT_SECRET": "base-url-test-secret",
        "OPSRAMP_TENANT_ID": "client_1234",
    ]

    @Test(
        "an OpsRamp API path, the portal, or any path on an OpsRamp host is a mistake; the message names the URL to use",
        arguments: [
            ("https://acme.api.opsramp.com/api/v2", "https://acme.api.opsramp.com", "/api/v2"),
            ("https://acme.api.opsramp.com/api/v2/tenants/client_1234/alerts/search", "https://acme.api.opsramp.com", "/api/v2/tenants"),
            ("https://acme.api.opsramp.com/API", "https://acme.api.opsramp.com", "OpsRamp API path (/API)"),
            ("https://acme.api.opsramp.com/tenancy/auth/oauth/token", "https://acme.api.opsramp.com", "/tenancy/auth"),
            ("https://acme.api.opsramp.com/opsql/api/v3/tenants/client_1/queries", "https://acme.api.opsramp.com", "/opsql/api/v3"),
            ("https://acme.api.opsramp.com/v3/api", "https://acme.api.opsramp.com", "/v3/api"),
            ("https://acme.api.opsramp.com/console", "https://acme.api.opsramp.com", "has a path (/console)"),
            ("https://uat.opsramp.net/auth/oauth/token", "https://uat.opsramp.net", "/auth/oauth"),
            ("https://gateway.corp:8443/opsramp/api/v2", "https://gateway.corp:8443/opsramp", "/api/v2"),
            ("https://gateway.corp/opsramp/reporting/api/v3", "https://gateway.corp/opsramp", "/reporting/api/v3"),
            ("http://127.0.0.1:9000/api/v2", "http://127.0.0.1:9000", "/api/v2"),
            ("https://acme.app.opsramp.com", "https://acme.api.opsramp.com", "is the OpsRamp portal"),
            ("https://acme.app.opsramp.com/api/v2", "https://acme.api.opsramp.com", "is the OpsRamp portal"),
        ])
    func mistakes(_ url: String, _ instead: String, _ named: String) throws {
        let parsed = try #require(URL(string: url))
        let problem = try #require(OpsRampHosts.baseURLProblem(parsed))
        #expect(problem.hasSuffix("set OPSRAMP_BASE_URL=\(instead)") || problem.contains("set OPSRAMP_BASE_URL=\(instead) "), "\(problem)")
        #expect(problem.contains(named), "\(problem)")
        #expect(problem.hasPrefix("OPSRAMP_BASE_URL \(url) "))

        let configuration = Configuration(values: complete.merging(["OPSRAMP_BASE_URL": url]) { $1 })
        #expect(configuration.connection == nil, "no request may be sent with \(url)")
        #expect(configuration.connectionProblems.map(\.variable) == ["OPSRAMP_BASE_URL"])
        #expect(configuration.connectionProblems.first?.message == problem)
    }

    @Test(
        "the API host at its root, and a reverse proxy under a path of its own, are accepted",
        arguments: [
            "https://acme.api.opsramp.com", "https://api.opsramp.com/", "https://gateway.corp/opsramp", "https://gateway.corp/apis/opsramp",
            "https://gateway.corp/api-gateway/opsramp", "https://gateway.corp/api/opsramp", "https://gateway.corp/reporting", "http://127.0.0.1:8080",
        ])
    func accepted(_ url: String) throws {
        #expect(OpsRampHosts.baseURLProblem(try #require(URL(string: url))) == nil)
        let configuration = Configuration(values: complete.merging(["OPSRAMP_BASE_URL": url]) { $1 })
        #expect(configuration.connection != nil, "\(configuration.connectionProblems)")
    }
}
