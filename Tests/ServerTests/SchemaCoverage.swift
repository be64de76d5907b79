import OpsRampJSON

/// Checks that a schema declares every field of a value, each with a type, the way typed clients
/// need it: fastmcp, pydantic-ai and openai-agents build classes from `outputSchema` and drop
/// whatever it does not declare, and strict-mode conversion rejects a list of types.
enum SchemaCoverage {
    /// One line per field of `value` that `schema` does not declare, or declares without a type.
    static func problems(_ value: JSONValue, schema: JSONValue, path: String = "structuredContent") -> [String] {
        guard let branch = typedBranch(for: value, in: schema) else {
            return ["\(path): declared without a type (a \"type\" string, or anyOf branches that each have one)"]
        }
        if let problem = branch.problem { return ["\(path): \(problem)"] }
        let rules = branch.schema
        switch value {
        case .object(let members):
            let properties = rules["properties"]?.objectValue ?? [:]
            // A declared dictionary (no properties, any members): typed clients keep every member.
            if properties.isEmpty, rules["additionalProperties"] == .bool(true) { return [] }
            var found: [String] = []
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let declared = properties[name] {
                    found += problems(member, schema: declared, path: "\(path).\(name)")
                } else if let extra = rules["additionalProperties"], extra.objectValue != nil {
                    found += problems(member, schema: extra, path: "\(path).\(name)")
                } else {
                    found.append("\(path).\(name): not declared")
                }
            }
            return found
        case .array(let elements):
            guard let items = rules["items"] else { return elements.isEmpty ? [] : ["\(path): array without an items schema"] }
            // Elements share one schema; report each problem once.
            var found: [String] = []
            for element in elements {
                for problem in problems(element, schema: items, path: "\(path)[]") where !found.contains(problem) {
                    found.append(problem)
                }
            }
            return found
        default:
            return []
        }
    }

    /// The schema (or anyOf/oneOf branch) whose single `type` fits `value`; a problem when the type is a list.
    private static func typedBranch(for value: JSONValue, in schema: JSONValue) -> (schema: JSONValue, problem: String?)? {
        if let type = schema["type"] {
            guard let name = type.stringValue else { return (schema, "a list of types; strict clients need anyOf") }
            return (schema, fits(value, name) ? nil : "a \(value.typeName) where the schema says \(name)")
        }
        for key in ["anyOf", "oneOf"] {
            guard let branches = schema[key]?.arrayValue else { continue }
            guard branches.allSatisfy({ $0["type"]?.stringValue != nil }) else { return nil }
            if let match = branches.first(where: { fits(value, $0["type"]?.stringValue ?? "") }) { return (match, nil) }
            return (schema, "a \(value.typeName) that no anyOf branch allows")
        }
        return nil
    }

    private static func fits(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): true
        case ("integer", .number(let number)): number.intValue != nil
        default: false
        }
    }
}
