import Foundation
import Testing

@testable import OpsRampJSON

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("output is compact with sorted keys")
    func compactSorted() {
        let value: JSONValue = ["b": [1, 2], "a": ["y": true, "x": .null]]
        #expect(JSONWriter.string(value) == #"{"a":{"x":null,"y":true},"b":[1,2]}"#)
    }

    @Test("never writes a raw newline, so a message is always one line")
    func escapesLineBreaks() {
        let text = JSONWriter.string(.string("line1\nline2\r\u{2028}\u{2029}\t\u{0}\u{7F}"))
        #expect(!text.contains("\n"))
        #expect(!text.contains("\r"))
        #expect(text == #""line1\nline2\r\u2028\u2029\t\u0000\u007f""#)
    }

    @Test(
        "round-trips through the parser",
        arguments: [
            #"{"id":"x","params":{"list":[1,-2.5,"é",null,false],"nested":{"deep":[[[]]]}}}"#,
            #"["\"quoted\"","back\\slash","tab\t"]"#,
        ])
    func roundTrip(_ text: String) throws {
        let value = try JSONParser.parse(text)
        let again = try JSONParser.parse(JSONWriter.string(value))
        #expect(again == value)
    }

    @Test("non-finite doubles are written as null")
    func nonFinite() {
        #expect(JSONWriter.string(.double(.nan)) == "null")
        #expect(JSONWriter.string(.double(.infinity)) == "null")
        #expect(JSONWriter.string(.double(2.0)) == "2")
        #expect(JSONWriter.string(.double(0.25)) == "0.25")
    }
}

@Suite("JSONValue Codable")
struct JSONValueCodableTests {
    @Test("round-trips through JSONEncoder and JSONDecoder")
    func codable() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", true, .null], "b": ["c": [:]]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        #expect(try JSONParser.parse(Array(data)) == value)
    }
}
