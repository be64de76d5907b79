import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("Alert search: each alert transformed once, as its page is parsed")
struct AlertTransformTests {
    static let envelope =
        #"{"results":[{"uniqueId":"a","subject":"one","extra":{"big":[1,2,3]}},{"uniqueId":"b"}],"totalResults":2,"pageNo":1,"nextPage":false}"#
    static let bareList = #"[{"uniqueId":"a","subject":"one","extra":{"big":[1,2,3]}},{"uniqueId":"b"}]"#

    static func tag(_ alert: JSONValue) -> JSONValue {
        ["tagged": alert["uniqueId"] ?? .null, "members": .int(alert.objectValue?.count ?? -1)]
    }

    @Test(
        "an envelope or a bare list, with or without fields: the same alerts, transformed once each",
        arguments: [envelope, bareList], [Set(["uniqueId", "subject"]), nil])
    func transformedOnce(body: String, fields: Set<String>?) async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, body)])
        let collected = try await makeClient(transport).searchAlerts(
            query: QueryString(), offset: 0, limit: 10, fields: fields,
            transform: Self.tag)
        // Filtered alerts keep the fields named (and the ones read to tell errors from results), the rest are dropped.
        let members = fields == nil ? [3, 1] : [2, 1]
        #expect(collected.items == [["tagged": "a", "members": .int(members[0])], ["tagged": "b", "members": .int(members[1])]])
        #expect(collected.totalResults == 2)
    }

    @Test("a list of errors is still OpsRamp's error, never transformed into alerts")
    func errorList() async {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"[{"code":"0002","fieldName":"pageSize","message":"too big"}]"#)])
        await #expect(throws: OpsRampError.self) {
            try await makeClient(transport).searchAlerts(
                query: QueryString(), offset: 0, limit: 10, fields: ["uniqueId"],
                transform: Self.tag)
        }
    }
}
