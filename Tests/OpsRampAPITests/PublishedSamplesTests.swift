import FakeOpsRamp
import Foundation
import OpsRampHTTP
import OpsRampJSON
import OpsRampLogging
import OpsRampSecrets
import Testing

@testable import OpsRampAPI
@testable import OpsRampAuth

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// OpsRamp's published examples and the real capture, fed through the code that reads each endpoint.
@Suite("OpsRamp's published answers, read by the API client", .enabled(if: PublishedSamples.isAvailable))
struct PublishedSamplesTests {
    static func sample(_ status: Int, _ name: String) throws -> Result<HTTPResponse, TransportError> {
        ScriptedTransport.json(status, try PublishedSamples.text(name), headers: ["content-type": "application/json"])
    }

    @Test("every sample file is one these tests know")
    func inventory() throws {
        #expect(try PublishedSamples.fileNames() == PublishedSamples.knownFiles)
    }

    @Test("alerts/search example: three alerts, the whole envelope read")
    func alertsSearch() async throws {
        let transport = ScriptedTransport([try Self.sample(200, "alerts_search_spec_example.json")])
        let page = try await makeClient(transport).alertsPage(query: QueryString(), pageNo: 1, pageSize: 4)
        #expect(page.results.compactMap { $0["uniqueId"]?.stringValue } == ["389547", "389548", "389546"])
        #expect(page.totalResults == 3)
        #expect(page.nextPage == false)
        #expect(page.nextPageNo == nil)
        #expect(page.pageSize == 4)
        #expect(page.count == nil)
    }

    @Test("single-alert examples: a legacy list of one alert is results, not an error list")
    func alertObjects() throws {
        let legacy = try SearchPage.read(try PublishedSamples.json("alert_get_spec_example-1.json"), endpoint: "alert")
        #expect(legacy.results.count == 1)
        #expect(legacy.results.first?["uniqueId"] == "40535")
        #expect(legacy.results.first?["createdTime"] == 1_447_839_848_946)
        for name in ["alert_get_spec_example-raw.json", "alert_get_spec_example-inference.json"] {
            // A lone alert object is not a result page: reading it as one would invent an empty list.
            #expect(throws: OpsRampError.self) { try SearchPage.read(try PublishedSamples.json(name), endpoint: "alert search") }
        }
    }

    @Test(
        "resources/minimal examples: bare arrays, every resource kept",
        arguments: [
            ("resources_minimal_spec_example-1.json", ["Linux", "ROUTE_53", "ROUTE_53", "CLOUD_PROVIDER"]),
            ("resources_minimal_spec_dns-example.json", ["Server", "Windows", "Server", "Windows"]),
        ])
    func minimal(_ name: String, types: [String]) async throws {
        let transport = ScriptedTransport([try Self.sample(200, name)])
        let collected = try await makeClient(transport).minimalResources(query: QueryString(), state: .active, limit: 100)
        #expect(collected.items.compactMap { $0["resourceType"]?.stringValue } == types)
        #expect(collected.totalResults == 4)
        #expect(collected.pagesFetched == 1)
        #expect(!collected.moreAvailable)
        #expect(collected.incomplete == nil)
        let expected = try PublishedSamples.json(name).arrayValue ?? []
        #expect(collected.items == expected)
    }

    @Test("the real resource page: 100 of 208 read, OpsRamp's total kept, page 2 asked for by pageNo")
    func realResourcePage() async throws {
        let transport = ScriptedTransport([
            try Self.sample(200, "resources_search_ormcp_real_2025.json"),
            ScriptedTransport.json(404, #"{"code":"0404","message":"Not found"}"#),
        ])
        let collected = try await makeClient(transport).minimalResources(query: QueryString(), state: .active, limit: 1000)
        #expect(collected.items.count == 100)
        #expect(collected.totalResults == 208)
        #expect(collected.moreAvailable)
        #expect(collected.incomplete?.contains("page 2 could not be fetched") == true)
        #expect(collected.items.first?["name"] == "01-Front Ambient")
        #expect(collected.items.first?["managementProfile"]?["name"] == "LabRat")
        #expect(collected.items.last?["id"] == "c348d14c-454e-4b07-8289-6bc9a578a6a9")
        let second = try #require(transport.apiRequests.last?.url)
        let items = URLComponents(url: second, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(items.first { $0.name == "pageNo" }?.value == "2")
        #expect(items.first { $0.name == "pageSize" }?.value == "100")
    }

    @Test("error examples: 500 0003 is a not-found without retries; the validation array is OpsRamp's message, as 400 or 200")
    func errors() async throws {
        let notFound = ScriptedTransport([try Self.sample(500, "error_500_0003_spec.json"), try Self.sample(500, "error_500_0003_spec.json")])
        await #expect(throws: OpsRampError.notFound(detail: "No resource found with UUID : 8e821346-d93f-464e-84b8-d17f02ae4a6c")) {
            try await makeClient(notFound).minimalResources(query: QueryString(), state: .active, limit: 10)
        }
        #expect(notFound.apiRequests.count == 1)

        let message = "item: ASSIGN CUSTOMATTRIBUTES action does not support Numerical item : 89, "
        let rejected = ScriptedTransport([
            try Self.sample(400, "error_400_validation_spec.json"), try Self.sample(400, "error_400_validation_spec.json"),
        ])
        await #expect(throws: OpsRampError.badRequest(detail: message)) {
            try await makeClient(rejected).alertsPage(query: QueryString(), pageNo: 1, pageSize: 1)
        }
        let inSuccess = ScriptedTransport([try Self.sample(200, "error_400_validation_spec.json")])
        await #expect(throws: OpsRampError.errorAnswer(endpoint: "resources/minimal", code: "0002", message: message)) {
            try await makeClient(inSuccess).minimalResources(query: QueryString(), state: .active, limit: 10)
        }
        let asObject = ScriptedTransport([try Self.sample(200, "error_500_0003_spec.json")])
        await #expect(
            throws: OpsRampError.errorAnswer(
                endpoint: "alert search", code: "0003",
                message: "No resource found with UUID : 8e821346-d93f-464e-84b8-d17f02ae4a6c")
        ) {
            try await makeClient(asObject).alertsPage(query: QueryString(), pageNo: 1, pageSize: 1)
        }
    }

    @Test("token examples: the grant is read, and a 401 says the credentials are bad")
    func tokens() async throws {
        func grant(_ status: Int, _ name: String) throws -> ClientCredentialsGrant {
            ClientCredentialsGrant(
                tokenURL: URL(string: "https://acme.api.opsramp.com/tenancy/auth/oauth/token")!, clientID: "key",
                clientSecret: Secret("sample-secret"), transport: SampleTransport(try Self.sample(status, name)),
                limits: TransferLimits(timeout: .seconds(5), maximumBodyBytes: 65_536),
                logger: Logger(label: "test", backend: LogBackend(level: .emergency)))
        }
        let token = try await grant(200, "token_spec_example.json").fetch()
        #expect(token.accessToken.exposedValue == "8b8778e5-949a-495c-a730-22809e08aa42")
        #expect(token.expiresIn == .seconds(7199))
        await #expect(throws: TokenError.rejected(status: 401, detail: "Bad API credentials")) {
            try await grant(401, "error_token_401_spec.json").fetch()
        }
    }
}

/// Answers every request with one response.
final class SampleTransport: HTTPTransport {
    let response: Result<HTTPResponse, TransportError>
    init(_ response: Result<HTTPResponse, TransportError>) { self.response = response }
    func send(_ request: URLRequest, limits: TransferLimits) async throws(TransportError) -> HTTPResponse { try response.get() }
}
