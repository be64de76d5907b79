import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@testable import OpsRampAPI
@testable import OpsRampTools

@Suite("Alert pages parsed building only what compaction reads")
struct AlertFieldFilterTests {
    static let filter = JSONListFilter(
        listKey: "results", members: AlertSummary.sourceFields.union(SearchPage.itemKeysForErrors),
        nested: AlertSummary.nestedSourceFields)

    /// Every compact alert from a page parsed with the filter equals the one from a full parse.
    func expectSameCompaction(_ body: [UInt8], tenantID: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let full = try JSONParser.parse(body)
        let filtered = try JSONParser.parse(body, keeping: Self.filter)
        let context = AlertContext(tenantID: tenantID)
        let alerts = { (value: JSONValue) in (value["results"]?.arrayValue ?? value.arrayValue ?? [value]) }
        let fromFull = alerts(full).map { AlertSummary.compact($0, context: context) }
        let fromFiltered = alerts(filtered).map { AlertSummary.compact($0, context: context) }
        #expect(!fromFull.isEmpty, sourceLocation: sourceLocation)
        #expect(fromFiltered == fromFull, sourceLocation: sourceLocation)
        #expect(
            try SearchPage.read(filtered, endpoint: "test").totalResults == (try SearchPage.read(full, endpoint: "test").totalResults),
            sourceLocation: sourceLocation)
    }

    @Test("the fake's alerts (sample, demo and variant tenants): the same compact alerts", arguments: ["client_1234", "msp_56"])
    func fakeTenants(tenantID: String) throws {
        let now = Date()
        var alerts = FakeData.sampleTenant(now: now).alerts
        alerts += FakeData.demoTenant(now: now).alerts
        alerts += FakeData.partnerTenant(now: now).alerts
        alerts += FakeData.variedAlerts(now: now)
        let page: JSONValue = ["results": .array(alerts), "totalResults": .int(alerts.count), "pageNo": 1, "nextPage": false]
        try expectSameCompaction(JSONWriter.bytes(page), tenantID: tenantID)
    }

    @Test(
        "OpsRamp's published alert examples: the same compact alerts", .enabled(if: PublishedSamples.isAvailable),
        arguments: [
            "alerts_search_spec_example.json", "alert_get_spec_example-1.json", "alert_get_spec_example-inference.json",
            "alert_get_spec_example-raw.json",
        ])
    func published(name: String) throws {
        let value = try PublishedSamples.json(name)
        let page: JSONValue = value["results"] != nil ? value : ["results": [value], "totalResults": 1]
        try expectSameCompaction(JSONWriter.bytes(page), tenantID: "client_1234")
    }

    @Test("an error list is still read as OpsRamp's error, not as results")
    func errorList() throws {
        let body = Array(#"[{"code":"0002","fieldName":"pageSize","message":"must be at most 500"}]"#.utf8)
        let filtered = try JSONParser.parse(body, keeping: Self.filter)
        #expect(throws: OpsRampError.self) { try SearchPage.read(filtered, endpoint: "alert search") }
    }
}
