import Testing

@testable import OpsRampJSON

@Suite("JSON parser")
struct JSONParserTests {
    @Test("parses every kind of value")
    func parsesAllKinds() throws {
        let value = try JSONParser.parse(#"{"a":null,"b":true,"c":false,"d":-1.5e3,"e":"x\ny","f":[1,[2,{}]],"g":{}}"#)
        #expect(value["a"] == .null)
        #expect(value["b"] == .bool(true))
        #expect(value["c"] == .bool(false))
        #expect(value["d"]?.doubleValue == -1500)
        #expect(value["e"] == .string("x\ny"))
        #expect(value["f"] == [1, [2, [:]]])
        #expect(value["g"] == .object([:]))
    }

    @Test("numbers keep their literal so ids round-trip exactly", arguments: ["1", "-0", "1.0", "1e3", "12345678901234567890", "0.1"])
    func numberLiteralsRoundTrip(_ literal: String) throws {
        let value = try JSONParser.parse(literal)
        #expect(JSONWriter.string(value) == literal)
    }

    @Test("integers are readable as Int, fractions are not")
    func integerAccess() throws {
        #expect(try JSONParser.parse("42").intValue == 42)
        #expect(try JSONParser.parse("2.0").intValue == 2)
        #expect(try JSONParser.parse("2.5").intValue == nil)
        #expect(try JSONParser.parse("1e400").intValue == nil)
    }

    @Test("decodes escapes and surrogate pairs")
    func escapes() throws {
        let value = try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#)
        #expect(value == .string("\"\\/\u{8}\u{C}\n\r\té😀"))
    }

    @Test("a lone surrogate becomes U+FFFD instead of failing the message")
    func loneSurrogate() throws {
        #expect(try JSONParser.parse(#""a\ud800b""#) == .string("a\u{FFFD}b"))
    }

    @Test(
        "rejects malformed input",
        arguments: [
            "", " ", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "tru", "nul", "01", "1.", "-", "1e", "\"abc", "\"\\x\"",
            "{\"a\":1}}", "[1] [2]", "NaN", "'a'", "{a:1}", "\"\u{01}\"", "\"\\u12\"",
        ])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test("rejects invalid UTF-8 inside strings")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        let escaped: [UInt8] = Array(#""a\n"#.utf8) + [0xFF] + [0x22]
        #expect(throws: JSONParseError.self) { try JSONParser.parse(escaped) }
    }

    @Test("deep nesting fails cleanly at the limit instead of exhausting the stack")
    func depthLimit() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let shallow = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
        #expect(throws: Never.self) { try JSONParser.parse(shallow, depthLimit: 50) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(shallow, depthLimit: 49) }
    }

    @Test("error messages give the byte offset")
    func errorOffsets() {
        do {
            _ = try JSONParser.parse(#"{"a": tru}"#)
            Issue.record("expected a parse error")
        } catch {
            #expect(error.offset == 9)
            #expect(error.description.contains("byte"))
        }
    }
}
