import Foundation
import OpsRampAuth
import OpsRampHTTP
import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("OpsRamp client: arguments cannot redirect a request")
struct RequestConfinementTests {
    @Test("hostile filter values stay inside the encoded queryString; the host and path never change")
    func hostileValues() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"{"results":[],"totalResults":0}"#)])
        var query = QueryString()
        try query.add("metrics", "../../../admin?x=1#frag&pageSize=99999 @evil.example.com/")
        _ = try await makeClient(transport).alertsPage(query: query, pageNo: 1, pageSize: 5)
        let url = try #require(transport.apiRequests.first?.url)
        #expect(url.host == "acme.api.opsramp.com")
        #expect(url.path == "/api/v2/tenants/client_1234/alerts/search")
        #expect(url.fragment == nil)
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(items.map(\.name) == ["pageNo", "pageSize", "isDescendingOrder", "queryString"])
        #expect(items.first { $0.name == "pageSize" }?.value == "5")
        #expect(items.last?.value == "metrics:../../../admin?x=1#frag&pageSize=99999 @evil.example.com/")
    }

    @Test("path segments are encoded one by one, dot segments included")
    func pathSegments() async throws {
        let transport = ScriptedTransport()
        _ = try await makeClient(transport).send(Endpoint(.get, path: ["api", "a/b", "..", "c?d"]))
        #expect(transport.apiRequests.first?.url?.absoluteString == "https://acme.api.opsramp.com/api/a%2Fb/%2E%2E/c%3Fd")
    }
}
