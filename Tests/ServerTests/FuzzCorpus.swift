import Foundation
import OpsRampJSON

/// A deterministic corpus of hostile stdin lines for the server, each with what must come back.
struct FuzzCorpus {
    enum Expectation {
        /// A response carrying exactly this id.
        case response(JSONValue)
        /// Nothing at all (notifications, responses, blank lines).
        case silence
        /// At most one response, and its id is `null` (the input had no usable id).
        case nullIDErrorOrSilence
    }

    struct Case {
        let category: String
        let line: [UInt8]
        let expectation: Expectation
    }

    private(set) var cases: [Case] = []
    private var random: SplitMix64
    private var counter = 0

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        addRandomBytes(count: 5_000)
        addRandomMessages(count: 3_000)
        addTruncatedMessages()
        addDeepNesting()
        addWrongTypes()
        addIDsOfEveryType()
        addInvalidUTF8()
        addHugeStrings()
        addNotificationsAndResponses()
        addExtremeNumbers()
    }

    /// Integers at and beyond the edges in every numeric argument, including inside an OpsQL body.
    mutating func addExtremeNumbers() {
        let literals = ["9223372036854775807", "-9223372036854775808", "4611686018427387904", "1e300", "-1", "0", "2147483648", "1.5"]
        let numeric: [(String, String)] = [
            ("get_alerts", "limit"), ("get_alerts", "page"), ("get_minimal_resource_details", "limit"),
            ("execute_opsql_query", "limit"),
        ]
        for literal in literals {
            for (tool, argument) in numeric {
                let id = nextID()
                let line =
                    #"{"jsonrpc":"2.0","id":"\#(id)","method":"tools/call","params":{"name":"\#(tool)","arguments":{"\#(argument)":\#(literal)}}}"#
                add("extreme numbers", Array(line.utf8), .response(.string(id)))
            }
            for field in ["pageNo", "pageSize"] {
                let id = nextID()
                let line =
                    #"{"jsonrpc":"2.0","id":"\#(id)","method":"tools/call","params":{"name":"execute_opsql_query","arguments":{"query":{"objectType":"alert","fields":["id"],"\#(field)":\#(literal)},"limit":5000}}}"#
                add("extreme numbers", Array(line.utf8), .response(.string(id)))
            }
            let id = nextID()
            add(
                "extreme numbers", Array(#"{"jsonrpc":"2.0","id":"\#(id)","method":"tools/list","params":{"cursor":"\#(literal)"}}"#.utf8),
                .response(.string(id)))
        }
    }

    private mutating func nextID() -> String {
        counter += 1
        return "fz-\(counter)"
    }

    private mutating func add(_ category: String, _ line: [UInt8], _ expectation: Expectation) {
        cases.append(Case(category: category, line: line, expectation: expectation))
    }

    private mutating func add(_ category: String, _ message: JSONValue, _ expectation: Expectation) {
        add(category, JSONWriter.bytes(message), expectation)
    }

    // MARK: - Categories

    /// Bytes of every value except newline (which would split the case into several lines).
    mutating func addRandomBytes(count: Int) {
        for _ in 0..<count {
            let length = Int(random.next() % 300)
            let bytes = (0..<length).map { _ -> UInt8 in
                let byte = UInt8(truncatingIfNeeded: random.next())
                return byte == 0x0A ? 0x20 : byte
            }
            add("random bytes", bytes, .nullIDErrorOrSilence)
        }
    }

    /// Well-formed JSON-RPC shapes with random methods and random params of every type.
    mutating func addRandomMessages(count: Int) {
        for index in 0..<count {
            let methodIndex = Int(random.next() % UInt64(Self.methods.count + 2))
            let method: JSONValue = methodIndex < Self.methods.count ? .string(Self.methods[methodIndex]) : randomValue(depth: 1)
            let params = randomValue(depth: 3)
            if index % 4 == 3, method.stringValue != nil {
                add("random messages", ["jsonrpc": "2.0", "method": method, "params": params], .silence)
            } else {
                let id = nextID()
                add("random messages", ["jsonrpc": "2.0", "id": .string(id), "method": method, "params": params], .response(.string(id)))
            }
        }
    }

    private mutating func randomValue(depth: Int) -> JSONValue {
        let pick = random.next() % (depth > 0 ? 8 : 6)
        switch pick {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .int(Int(truncatingIfNeeded: random.next() % 2_000_000) - 1_000_000)
        case 3: return .double(Double(random.next() % 10_000) / 7)
        case 4, 5:
            let words = ["", "alerts", "Critical", "P1", "1h", "opsql://reference", "get_alerts", "é漢字🙂", "\u{0}", "a\"b", "\n"]
            return .string(words[Int(random.next() % UInt64(words.count))])
        case 6:
            return .array((0..<Int(random.next() % 4)).map { _ in randomValue(depth: depth - 1) })
        default:
            let keys = ["name", "arguments", "uri", "cursor", "level", "ref", "argument", "protocolVersion", "_meta", "category", "limit", "x"]
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int(random.next() % 5) {
                object[keys[Int(random.next() % UInt64(keys.count))]] = randomValue(depth: depth - 1)
            }
            return .object(object)
        }
    }

    /// Valid requests cut short at every few bytes.
    mutating func addTruncatedMessages() {
        for method in Self.methods {
            let full = JSONWriter.bytes(["jsonrpc": "2.0", "id": .string(nextID()), "method": .string(method), "params": Self.validParams(method)])
            var cut = 1
            while cut < full.count {
                add("truncated JSON", Array(full.prefix(cut)), .nullIDErrorOrSilence)
                cut += max(1, full.count / 40)
            }
        }
    }

    mutating func addDeepNesting() {
        for depth in [64, 127, 128, 129, 500, 5_000, 100_000, 1_000_000] {
            for opener in ["[", "{\"a\":"] {
                let closer = opener == "[" ? "]" : "}"
                let nested = String(repeating: opener, count: depth) + "1" + String(repeating: closer, count: depth)
                let id = nextID()
                let line =
                    #"{"jsonrpc":"2.0","id":"\#(id)","method":"tools/call","params":{"name":"get_query_examples","arguments":{"category":"#
                    + nested + "}}}"
                // Too deep to parse: a parse error whose id cannot be read. Shallow enough: a normal answer.
                add("deep nesting", Array(line.utf8), depth + 5 <= 128 ? .response(.string(id)) : .nullIDErrorOrSilence)
                add("deep nesting", Array(nested.utf8), .nullIDErrorOrSilence)
            }
        }
    }

    /// Every field of every method replaced by a value of every JSON type.
    mutating func addWrongTypes() {
        for method in Self.methods {
            let params = Self.validParams(method)
            var fieldPaths: [[String]] = [[]]
            if case .object(let object) = params {
                for (key, value) in object {
                    fieldPaths.append([key])
                    if case .object(let inner) = value {
                        for innerKey in inner.keys { fieldPaths.append([key, innerKey]) }
                    }
                }
            }
            for path in fieldPaths {
                for replacement in Self.valuesOfEveryType {
                    let id = nextID()
                    let mutated = path.isEmpty ? replacement : Self.replacing(path, in: params, with: replacement)
                    add("wrong types", ["jsonrpc": "2.0", "id": .string(id), "method": .string(method), "params": mutated], .response(.string(id)))
                }
            }
            // The envelope fields themselves.
            for replacement in Self.valuesOfEveryType {
                let id = nextID()
                add("wrong types", ["jsonrpc": replacement, "id": .string(id), "method": .string(method)], .response(.string(id)))
                add("wrong types", ["jsonrpc": "2.0", "id": .string(id + "m"), "method": replacement], .response(.string(id + "m")))
            }
        }
        for tool in Self.toolArguments {
            for (argument, _) in tool.arguments {
                for replacement in Self.valuesOfEveryType {
                    var arguments = tool.arguments
                    arguments[argument] = replacement
                    let id = nextID()
                    add(
                        "wrong types",
                        [
                            "jsonrpc": "2.0", "id": .string(id), "method": "tools/call",
                            "params": ["name": .string(tool.name), "arguments": .object(arguments)],
                        ], .response(.string(id)))
                }
            }
        }
    }

    /// ids of every JSON type: strings and numbers must be echoed exactly; others get a null-id error.
    mutating func addIDsOfEveryType() {
        let usable: [String] = [
            "0", "-1", "1.5", "1e3", "-0", "9007199254740993", "123456789012345678901234567890", "\"\"", "\"\\u00e9\\n\"", "\"a b\"",
        ]
        for literal in usable {
            for method in ["ping", "tools/list", "no/such"] {
                let line = #"{"jsonrpc":"2.0","id":\#(literal),"method":"\#(method)"}"#
                guard let id = try? JSONParser.parse(literal) else { continue }
                add("ids", Array(line.utf8), .response(id))
            }
        }
        for literal in ["null", "true", "false", "[]", "[1]", "{}", "{\"a\":1}"] {
            let line = #"{"jsonrpc":"2.0","id":\#(literal),"method":"ping"}"#
            add("ids", Array(line.utf8), .nullIDErrorOrSilence)
        }
    }

    /// Invalid UTF-8 in strings, keys and around the message: a parse error (id unreadable).
    mutating func addInvalidUTF8() {
        let bad: [[UInt8]] = [
            [0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0x28], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ]
        for sequence in bad {
            for placement in 0..<3 {
                let id = nextID()
                let head = Array(
                    #"{"jsonrpc":"2.0","id":"\#(id)","method":"tools/call","params":{"name":"get_query_examples","arguments":{"category":""#.utf8)
                var line: [UInt8]
                switch placement {
                case 0: line = head + sequence + Array(#""}}}"#.utf8)
                case 1: line = Array(#"{"jsonrpc":"2.0","id":"\#(id)","#.utf8) + [0x22] + sequence + Array(#"":1,"method":"ping"}"#.utf8)
                default: line = sequence + Array(#"{"jsonrpc":"2.0","id":"\#(id)","method":"ping"}"#.utf8)
                }
                add("invalid UTF-8", line, .nullIDErrorOrSilence)
            }
        }
    }

    /// Huge strings inside otherwise valid requests, and lines of several MB.
    mutating func addHugeStrings() {
        for size in [1_000, 100_000, 1_000_000, 3_000_000, 6_000_000] {
            let big = String(repeating: "x", count: size)
            let id = nextID()
            add(
                "huge strings",
                [
                    "jsonrpc": "2.0", "id": .string(id), "method": "tools/call",
                    "params": ["name": "get_query_examples", "arguments": ["category": .string(big)]],
                ], .response(.string(id)))
            let id2 = nextID()
            add("huge strings", ["jsonrpc": "2.0", "id": .string(id2), "method": .string(big)], .response(.string(id2)))
            let id3 = nextID()
            add(
                "huge strings", ["jsonrpc": "2.0", "id": .string(id3), "method": "ping", "params": ["padding": .string(big)]], .response(.string(id3))
            )
        }
        // Beyond the 16 MB line limit: rejected without being buffered, and the next line still works.
        add("huge strings", Array(repeating: UInt8(ascii: "["), count: 20_000_000), .nullIDErrorOrSilence)
        let many = JSONValue.array((0..<200_000).map { JSONValue.int($0) })
        let id = nextID()
        add(
            "huge strings",
            ["jsonrpc": "2.0", "id": .string(id), "method": "prompts/get", "params": ["name": "alerts_in_window", "arguments": many]],
            .response(.string(id)))
    }

    mutating func addNotificationsAndResponses() {
        for method in Self.methods + ["notifications/initialized", "notifications/cancelled", "notifications/progress", "notifications/zzz"] {
            for replacement in Self.valuesOfEveryType {
                add("notifications", ["jsonrpc": "2.0", "method": .string(method), "params": replacement], .silence)
            }
        }
        add("notifications", ["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": "never-sent"]], .silence)
        for value in Self.valuesOfEveryType {
            add("responses", ["jsonrpc": "2.0", "id": .string(nextID()), "result": value], .silence)
            add("responses", ["jsonrpc": "2.0", "id": 77, "error": ["code": value, "message": "x"]], .silence)
        }
        add("blank", [], .silence)
        add("blank", Array("   \t ".utf8), .silence)
        add("blank", [0x0D], .silence)
    }

    // MARK: - Building blocks

    static let methods = [
        "initialize", "ping", "tools/list", "tools/call", "resources/list", "resources/read", "resources/templates/list",
        "prompts/list", "prompts/get", "completion/complete", "logging/setLevel", "server/discover", "nonexistent/method",
    ]

    static let valuesOfEveryType: [JSONValue] = [
        .null, true, false, 0, -1, 1.5, (try? JSONParser.parse("1e400")) ?? .null, "", "x", "2025-06-18",
        [], [1, "a"], [:], ["a": 1], ["nested": ["deeper": [.null]]],
    ]

    static func validParams(_ method: String) -> JSONValue {
        switch method {
        case "initialize": ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "fuzz", "version": "1"]]
        case "tools/call": ["name": "get_query_examples", "arguments": ["category": "alerts"], "_meta": ["progressToken": "p"]]
        case "resources/read": ["uri": "opsql://reference"]
        case "prompts/get": ["name": "alerts_in_window", "arguments": ["window": "1h", "state": "Critical"]]
        case "completion/complete": ["ref": ["type": "ref/prompt", "name": "alerts_in_window"], "argument": ["name": "state", "value": "C"]]
        case "logging/setLevel": ["level": "info"]
        case "server/discover":
            ["_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": [:]]]
        case "tools/list", "resources/list", "prompts/list", "resources/templates/list": ["cursor": .null]
        default: [:]
        }
    }

    struct ToolCase {
        let name: String
        let arguments: [String: JSONValue]
    }

    static let toolArguments: [ToolCase] = [
        ToolCase(
            name: "get_alerts",
            arguments: [
                "states": ["Critical"], "priorities": ["P1"], "since": "1h", "until": "now", "time_base": "created",
                "resource_ids": ["r"], "open_only": true, "query_string": "metrics:PING", "limit": 5, "page": 1,
            ]),
        ToolCase(
            name: "get_minimal_resource_details",
            arguments: [
                "host_name": "h", "ip_address": "1.2.3.4", "resource_type": "Linux", "state": "all",
                "agent_installed": true, "query_string": "dnsName:x", "limit": 5,
            ]),
        ToolCase(name: "execute_opsql_query", arguments: ["query": ["objectType": "alert", "fields": ["id"]], "limit": 5]),
        ToolCase(name: "get_query_examples", arguments: ["category": "all"]),
        ToolCase(name: "get_alert_statistics_dashboard", arguments: ["since": "24h", "until": "now", "by_priority": true]),
        ToolCase(name: "get_release_version", arguments: [:]),
    ]

    static func replacing(_ path: [String], in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        guard case .object(var object) = value else { return value }
        object[first] = replacing(Array(path.dropFirst()), in: object[first] ?? [:], with: replacement)
        return .object(object)
    }
}

/// A small, fast, seedable PRNG so the corpus is the same on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
