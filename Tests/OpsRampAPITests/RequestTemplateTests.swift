import Foundation
import OpsRampAuth
import OpsRampHTTP
import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("Request template")
struct RequestTemplateTests {
    @Test("each request gets its own URL, method, token and body on top of the fixed headers")
    func requestsFromOneTemplate() throws {
        let template = RequestTemplate(baseURL: try #require(URL(string: "https://acme.api.opsramp.com")), userAgent: "opsramp-mcp-server/9")
        let get = template.request(Endpoint(.get, path: ["tenancy", "api", "v3", "release-version"]), bearer: "token-one")
        let post = template.request(Endpoint(.post, path: ["opsql", "q"], body: ["a": 1]), bearer: "token-two")
        #expect(get.url?.absoluteString == "https://acme.api.opsramp.com/tenancy/api/v3/release-version")
        #expect(get.httpMethod == "GET")
        #expect(get.value(forHTTPHeaderField: "Authorization") == "Bearer token-one")
        #expect(get.value(forHTTPHeaderField: "Accept") == "application/json")
        #expect(get.value(forHTTPHeaderField: "User-Agent") == "opsramp-mcp-server/9")
        #expect(get.value(forHTTPHeaderField: "Content-Type") == nil)
        #expect(get.httpBody == nil)
        #expect(post.httpMethod == "POST")
        #expect(post.value(forHTTPHeaderField: "Authorization") == "Bearer token-two")
        #expect(post.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(post.httpBody.map { String(decoding: $0, as: UTF8.self) } == #"{"a":1}"#)
        #expect(get.timeoutInterval >= 3_600)
    }
}
