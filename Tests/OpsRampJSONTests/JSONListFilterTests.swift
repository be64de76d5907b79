import Testing

@testable import OpsRampJSON

@Suite("JSON parser: building only the members a list's objects need")
struct JSONListFilterTests {
    static let filter = JSONListFilter(listKey: "results", members: ["id", "name", "nested"])

    /// `value` with the list's objects cut to the filter's members, as a filtered parse must build it.
    static func expected(_ value: JSONValue) -> JSONValue {
        func cut(_ list: [JSONValue]) -> JSONValue {
            .array(list.map { item in item.objectValue.map { .object($0.filter { filter.members.contains($0.key) }) } ?? item })
        }
        switch value {
        case .array(let list): return cut(list)
        case .object(var members):
            if case .array(let list)? = members[filter.listKey] { members[filter.listKey] = cut(list) }
            return .object(members)
        default: return value
        }
    }

    @Test(
        "a page: the list's objects keep the named members, nested values whole; everything else is built",
        arguments: [
            #"{"results":[{"id":1,"name":"a","skip":{"deep":[1,2,{"x":"y"}]},"nested":{"keep":[true,null]}},{"id":2,"other":"\u00e9\n"}],"totalResults":2,"pageNo":1}"#,
            #"[{"id":"x","drop":[[],{}],"name":null},3,"text",[{"id":1}],{"other":-1.5e3}]"#,
            #"{"results":[],"code":"0002","message":"bad","nested":{"skip":1}}"#,
            #"{"results":null,"nextPage":true}"#,
            #"{"count":4}"#,
            #"  [ ]  "#,
            #""just a string""#,
            #"{"results":[{"name":"\ud83d\ude00","x":"\ud800","y":"😀 Grüße"}]}"#,
        ])
    func matchesFullParse(_ text: String) throws {
        let full = try JSONParser.parse(text)
        let filtered = try JSONParser.parse(Array(text.utf8), keeping: Self.filter)
        #expect(filtered == Self.expected(full))
    }

    @Test(
        "a skipped member is checked as strictly as a built one: the same error at the same place",
        arguments: [
            #"{"results":[{"id":1,"skip":tru}]}"#,
            #"{"results":[{"id":1,"skip":01}]}"#,
            #"{"results":[{"id":1,"skip":1.}]}"#,
            #"{"results":[{"id":1,"skip":-}]}"#,
            #"{"results":[{"id":1,"skip":"a\qb"}]}"#,
            #"{"results":[{"id":1,"skip":"\u12G4"}]}"#,
            #"{"results":[{"id":1,"skip":"\u12"#,
            #"{"results":[{"id":1,"skip":"unterminated"#,
            #"{"results":[{"id":1,"skip":[1,2}]}"#,
            #"{"results":[{"id":1,"skip":{"a" 1}}]}"#,
            #"{"results":[{"id":1,"skip":{"a":1,}}]}"#,
            #"{"results":[{"id":1,"skip":{1:2}}]}"#,
            #"{"results":[{"id":1,"skip":[1 2]}]}"#,
            #"{"results":[{"id":1,"skip":}]}"#,
            #"{"results":[{"id":1,"skip":[]}"#,
            #"[{"skip":"x"} {"id":2}]"#,
        ])
    func sameErrors(_ text: String) {
        let bytes = Array(text.utf8)
        var full: JSONParseError?
        var filtered: JSONParseError?
        do { _ = try JSONParser.parse(bytes) } catch { full = error }
        do { _ = try JSONParser.parse(bytes, keeping: Self.filter) } catch { filtered = error }
        #expect(full != nil)
        #expect(filtered == full)
    }

    @Test("raw control characters and bad UTF-8 in a skipped string are refused like anywhere else")
    func strings() {
        let cases: [[UInt8]] = [
            Array(#"{"results":[{"skip":""#.utf8) + [0x01] + Array(#""}]}"#.utf8),
            Array(#"{"results":[{"skip":""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8),
            Array(#"{"results":[{"skip":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}]}"#.utf8),
            Array(#"{"results":[{"skip":""#.utf8) + [0xF4, 0x90, 0x80, 0x80] + Array(#""}]}"#.utf8),
            Array(#"{"results":[{"skip":""#.utf8) + [0xE0, 0x80, 0x80] + Array(#""}]}"#.utf8),
            Array(#"{"results":[{"skip":"a\n"#.utf8) + [0xFF],
            Array(#"{"results":[{"skip":""#.utf8) + [0xC3],
        ]
        for bytes in cases {
            var full: JSONParseError?
            var filtered: JSONParseError?
            do { _ = try JSONParser.parse(bytes) } catch { full = error }
            do { _ = try JSONParser.parse(bytes, keeping: Self.filter) } catch { filtered = error }
            #expect(full != nil)
            #expect(filtered == full, "\(bytes)")
        }
        // Valid multi-byte text is skipped without complaint.
        #expect(throws: Never.self) { try JSONParser.parse(Array(#"{"results":[{"skip":"é€😀"}]}"#.utf8), keeping: Self.filter) }
    }

    @Test("a nested filter builds only the named members of a kept object; other kinds of value are built whole")
    func nested() throws {
        let filter = JSONListFilter(listKey: "results", members: ["id", "host"], nested: ["host": ["name"]])
        let text = #"{"results":[{"id":1,"host":{"name":"a","port":9,"deep":{"x":[1]}}},{"id":2,"host":"plain"},{"host":[{"name":"b"}]}]}"#
        let value = try JSONParser.parse(Array(text.utf8), keeping: filter)
        #expect(value["results"] == [["id": 1, "host": ["name": "a"]], ["id": 2, "host": "plain"], ["host": [["name": "b"]]]])
        let bad = Array(#"{"results":[{"host":{"name":"a","port":09}}]}"#.utf8)
        var full: JSONParseError?
        var filtered: JSONParseError?
        do { _ = try JSONParser.parse(bad) } catch { full = error }
        do { _ = try JSONParser.parse(bad, keeping: filter) } catch { filtered = error }
        #expect(full != nil)
        #expect(filtered == full)
    }

    @Test("item: each element of the page's list is transformed as it is parsed, a top-level array's elements never")
    func itemTransform() throws {
        let filter = JSONListFilter(
            listKey: "results", members: ["id", "name"],
            item: { element in
                ["seen": element["id"] ?? .string("no id")]
            })
        let page = #"{"results":[{"id":1,"name":"a","skip":2},{"id":"x"},3,[]],"totalResults":4,"id":9}"#
        let parsed = try JSONParser.parse(Array(page.utf8), keeping: filter)
        #expect(parsed == ["results": [["seen": 1], ["seen": "x"], ["seen": "no id"], ["seen": "no id"]], "totalResults": 4, "id": 9])
        // A bare list may be OpsRamp's list of errors: it is filtered, and read as it is.
        let list = #"[{"code":"0002","message":"bad","id":1},{"id":2,"skip":true}]"#
        #expect(try JSONParser.parse(Array(list.utf8), keeping: filter) == [["id": 1], ["id": 2]])
    }

    @Test("nesting inside skipped members still counts towards the depth limit")
    func depth() {
        let deep = #"{"results":[{"skip":"# + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}]}"
        var full: JSONParseError?
        var filtered: JSONParseError?
        do { _ = try JSONParser.parse(Array(deep.utf8)) } catch { full = error }
        do { _ = try JSONParser.parse(Array(deep.utf8), keeping: Self.filter) } catch { filtered = error }
        #expect(full?.reason == .tooDeep(limit: JSONParser.defaultDepthLimit))
        #expect(filtered == full)
    }
}

@Suite("JSON writer: sizes without writing")
struct JSONEncodedCountTests {
    @Test(
        "encodedCount is the length of what write produces",
        arguments: [
            #"{"a":null,"b":true,"c":false,"d":-1.5e3,"e":"x\ny","f":[1,[2,{}]],"g":{}}"#,
            #"["\u2028 and \u2029","\u0001\u007f","é😀","quote \" and \\ backslash","\t\r"]"#,
            #"{"clé":"ünïcode","":[],"k":{"nested":{"deeper":["\u00e2\u0080"]}}}"#,
        ])
    func matchesWrite(_ text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.encodedCount(value) == JSONWriter.bytes(value).count)
        for case .object(let members) in [value] {
            for (key, member) in members {
                #expect(JSONWriter.encodedCount(key) == JSONWriter.bytes(.string(key)).count)
                #expect(JSONWriter.encodedCount(member) == JSONWriter.bytes(member).count)
            }
        }
    }
}
