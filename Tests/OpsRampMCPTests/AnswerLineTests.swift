import OpsRampJSON
import Testing

@testable import OpsRampMCP

@Suite("Tool answers written around the tool's own encoding")
struct AnswerLineTests {
    static let datas: [[String: JSONValue]] = [
        ["returned": 2, "alerts": [["subject": "a \"quoted\" \\ subject\n", "state": "Critical"], ["subject": "é😀 \u{2028}", "n": 1.5]]],
        ["empty": [:], "list": [], "flag": false, "none": .null],
        [:],
    ]

    @Test("the line is byte for byte what encoding the whole answer gives, for every id and revision")
    func sameBytes() throws {
        let ids: [RequestID] = [.number(JSONNumber(7)), .string("req-\"1\"\\é"), .number(JSONNumber(-12))]
        for data in Self.datas {
            let output = ToolOutput(data, encoded: JSONWriter.bytes(.object(data)))
            for revision in ProtocolRevision.handshakeRevisions {
                let rendered = ToolResultRenderer.rendered(output, revision: revision)
                let encoded = try #require(rendered.encodedData)
                for id in ids {
                    let line = ToolResultRenderer.answerLine(id: id, encodedData: encoded, structuredContent: revision.hasStructuredContent)
                    #expect(line == JSONWriter.bytes(OutgoingMessage.result(id: id, rendered.value)), "\(revision) \(id)")
                }
            }
        }
    }

    @Test("errors, notices and results without an encoding carry none, so they are encoded as values")
    func noEncoding() {
        let data: [String: JSONValue] = ["a": 1]
        #expect(ToolResultRenderer.rendered(.failure("no"), revision: .v2025_06_18).encodedData == nil)
        #expect(ToolResultRenderer.rendered(ToolOutput(data), revision: .v2025_06_18).encodedData == nil)
        #expect(
            ToolResultRenderer.rendered(
                ToolOutput(data, encoded: JSONWriter.bytes(.object(data))), revision: .v2025_06_18,
                notice: "sample data"
            ).encodedData == nil)
    }
}
