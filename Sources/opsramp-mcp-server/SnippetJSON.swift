import OpsRampJSON

/// JSON for people to read and paste: keys in the order given, two-space indentation.
/// (`JSONWriter` writes compact lines with sorted keys, which suits the protocol, not a config file.)
indirect enum SnippetJSON: Equatable {
    case string(String)
    case bool(Bool)
    case array([SnippetJSON])
    case object([(String, SnippetJSON)])

    static func == (lhs: SnippetJSON, rhs: SnippetJSON) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// The same value as a `JSONValue` (for compact output).
    var jsonValue: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .array(let items): .array(items.map(\.jsonValue))
        case .object(let members): .object(Dictionary(members.map { ($0.0, $0.1.jsonValue) }, uniquingKeysWith: { $1 }))
        }
    }

    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text):
            return JSONWriter.string(.string(text))
        case .bool(let flag):
            return flag ? "true" : "false"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            return "{\n"
                + members.map { key, value in
                    inner + JSONWriter.string(.string(key)) + ": " + value.rendered(indent: inner)
                }.joined(separator: ",\n") + "\n\(indent)}"
        }
    }
}
