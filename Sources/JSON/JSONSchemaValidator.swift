/// One way a value breaks its schema, with the path to the offending member.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// Dotted path such as `arguments.limit` or `alerts[3].priority`; empty for the root.
    public let path: String
    public let message: String

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Validates values against the subset of JSON Schema (2020-12) that this server writes:
/// `type`, `enum`, `const`, `properties`, `required`, `additionalProperties`, `items`,
/// `minimum`/`maximum`, `minLength`/`maxLength`, `minItems`/`maxItems`, `anyOf`/`oneOf`.
///
/// Used on tool arguments before a tool runs, and in tests on every `structuredContent`.
public enum JSONSchemaValidator {
    public static func validate(_ value: JSONValue, against schema: JSONValue, path: String = "") -> [SchemaViolation] {
        guard case .object(let rules) = schema else { return [] }
        var violations: [SchemaViolation] = []
        func fail(_ message: String) { violations.append(SchemaViolation(path: path, message: message)) }

        if let typeRule = rules["type"] {
            let allowed = typeRule.arrayValue?.compactMap(\.stringValue) ?? typeRule.stringValue.map { [$0] } ?? []
            if !allowed.isEmpty, !allowed.contains(where: { matches(value, type: $0) }) {
                fail("expected \(describe(types: allowed)), got \(value.typeName)")
                return violations
            }
        }
        if let options = rules["enum"]?.arrayValue, !options.contains(value) {
            let listed = options.map { $0.stringValue ?? $0.description }.joined(separator: ", ")
            fail("must be one of: \(listed); got \(value.stringValue.map { "\"\($0)\"" } ?? value.description)")
        }
        if let constant = rules["const"], constant != value {
            fail("must be \(constant)")
        }
        for key in ["anyOf", "oneOf"] {
            if let branches = rules[key]?.arrayValue {
                let passing = branches.filter { validate(value, against: $0, path: path).isEmpty }.count
                if passing == 0 || (key == "oneOf" && passing > 1) {
                    fail("does not match any of the allowed forms")
                }
            }
        }
        switch value {
        case .number(let number):
            if let minimum = rules["minimum"]?.doubleValue, let actual = number.doubleValue, actual < minimum {
                fail("must be at least \(rules["minimum"]?.description ?? "")")
            }
            if let maximum = rules["maximum"]?.doubleValue, let actual = number.doubleValue, actual > maximum {
                fail("must be at most \(rules["maximum"]?.description ?? "")")
            }
        case .string(let text):
            if let minimum = rules["minLength"]?.intValue, text.count < minimum {
                fail(minimum == 1 ? "must not be empty" : "must be at least \(minimum) characters")
            }
            if let maximum = rules["maxLength"]?.intValue, text.count > maximum {
                fail("must be at most \(maximum) characters")
            }
        case .array(let elements):
            if let minimum = rules["minItems"]?.intValue, elements.count < minimum {
                fail("must have at least \(minimum) item\(minimum == 1 ? "" : "s")")
            }
            if let maximum = rules["maxItems"]?.intValue, elements.count > maximum {
                fail("must have at most \(maximum) items")
            }
            if let itemSchema = rules["items"] {
                for (index, element) in elements.enumerated() {
                    violations += validate(element, against: itemSchema, path: "\(path)[\(index)]")
                }
            }
        case .object(let members):
            let properties = rules["properties"]?.objectValue ?? [:]
            for name in rules["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                violations.append(SchemaViolation(path: join(path, name), message: "is required"))
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    violations += validate(member, against: propertySchema, path: join(path, name))
                } else if let extra = rules["additionalProperties"] {
                    if extra == .bool(false) {
                        let known = properties.keys.sorted().joined(separator: ", ")
                        violations.append(SchemaViolation(
                            path: join(path, name),
                            message: known.isEmpty ? "is not allowed" : "is not a known field (known: \(known))"))
                    } else {
                        violations += validate(member, against: extra, path: join(path, name))
                    }
                }
            }
        default:
            break
        }
        return violations
    }

    private static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
             ("array", .array), ("object", .object):
            return true
        case ("integer", .number(let number)):
            return number.intValue != nil
        default:
            return false
        }
    }

    private static func describe(types: [String]) -> String {
        let names = types.map { type -> String in
            switch type {
            case "integer": "an integer"
            case "array": "an array"
            case "object": "an object"
            case "null": "null"
            default: "a \(type)"
            }
        }
        return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}
