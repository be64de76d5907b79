import Foundation
import OpsRampAuth
import OpsRampHTTP
import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("queryString")
struct QueryStringTests {
    @Test("builds key:value pairs joined by +")
    func building() throws {
        var query = QueryString()
        try query.add("states", ["Critical", "Warning"])
        try query.add("actions", "OPEN")
        try query.add("empty", [])
        #expect(query.description == "states:Critical,Warning+actions:OPEN")
    }

    @Test("a value containing + is refused instead of becoming another filter")
    func plusInValue() {
        var query = QueryString()
        #expect(throws: QueryStringError.self) { try query.add("hostName", "a+states:Ok") }
    }

    @Test(
        "a + hidden in a grapheme cluster (followed by a combining mark) is still refused, in values and in raw text",
        arguments: ["abc+\u{0301}states:Critical", "+\u{20DD}", "a\u{200D}+\u{FE0F}b"])
    func plusInCluster(_ value: String) {
        var query = QueryString()
        #expect(throws: QueryStringError.self) { try query.add("hostName", value) }
        #expect(throws: QueryStringError.self) { try QueryString.parse("hostName:" + value, allowedKeys: ["hostName", "states"]) }
    }

    @Test("raw text splits on the separator scalars, whatever marks follow them")
    func parsingScalars() throws {
        let parsed = try QueryString.parse("hostName:web,\u{0301}db+\u{0301}states:Ok", allowedKeys: ["hostName", "\u{0301}states"])
        #expect(parsed.pairs.map(\.key) == ["hostName", "\u{0301}states"])
        #expect(parsed.pairs.first?.values == ["web", "\u{0301}db"])
    }

    @Test("raw text is parsed and checked against the endpoint's keys")
    func parsing() throws {
        let parsed = try QueryString.parse("alertTypes:Monitoring+metrics:PING,SNMP", allowedKeys: OpsRampClient.alertQueryKeys)
        #expect(parsed.pairs.map(\.key) == ["alertTypes", "metrics"])
        #expect(throws: QueryStringError.unknownKey("state", allowed: OpsRampClient.alertQueryKeys.sorted())) {
            try QueryString.parse("state:Critical", allowedKeys: OpsRampClient.alertQueryKeys)
        }
        #expect(throws: QueryStringError.malformed("justtext")) { try QueryString.parse("justtext", allowedKeys: ["a"]) }
        var combined = try QueryString.parse("states:Ok", allowedKeys: ["states"])
        #expect(throws: QueryStringError.duplicateKey("states")) { try combined.merge(QueryString.parse("states:Critical", allowedKeys: ["states"])) }
    }

    @Test("dates go out as yyyy-MM-ddTHH:mm:ss 0000 in UTC")
    func dates() {
        #expect(OpsRampDate.queryValue(Date(timeIntervalSince1970: 1_764_403_200)) == "2025-11-29T08:00:00 0000")
    }
}
