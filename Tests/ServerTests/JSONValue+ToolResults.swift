import OpsRampJSON

extension JSONValue {
    /// The `structuredContent` of a tool result.
    var structured: JSONValue? { self["structuredContent"] }
    /// The text of a tool result's first content block.
    var text: String { self["content"]?[0]?["text"]?.stringValue ?? "" }

    /// The rows under `key` of a tool result's `structuredContent`, each with the answer's `common`
    /// fields put back: what each row says in full.
    func rows(_ key: String) -> [JSONValue] {
        let common = structured?["common"]?.objectValue ?? [:]
        return (structured?[key]?.arrayValue ?? []).map { row in
            guard case .object(let fields) = row else { return row }
            return .object(fields.merging(common) { own, _ in own })
        }
    }
}
