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
///
/// Hostile input can break a schema millions of times over (a 16 MB list of wrong values), so
/// the validator keeps at most `limit` violations, counts the rest, and quotes every value and
/// key it echoes only in part (see `quoted`).
public enum JSONSchemaValidator {
    /// Every violation (for tests and trusted values).
    public static func validate(_ value: JSONValue, against schema: JSONValue, path: String = "") -> [SchemaViolation] {
        var report = Report(limit: .max)
        check(value, against: schema, path: path, into: &report)
        return report.kept
    }

    /// At most `limit` violations, and how many there were in all.
    public static func validate(_ value: JSONValue, against schema: JSONValue, limit: Int) -> (violations: [SchemaViolation], total: Int) {
        var report = Report(limit: limit)
        check(value, against: schema, path: "", into: &report)
        return (report.kept, report.total)
    }

    /// Violations found so far: the first `limit` in full, the others only counted.
    struct Report {
        let limit: Int
        var kept: [SchemaViolation] = []
        var total = 0

        mutating func add(_ violation: @autoclosure () -> SchemaViolation) {
            total += 1
            if kept.count < limit { kept.append(violation()) }
        }

        var isEmpty: Bool { total == 0 }
    }

    /// Longest echoed value or key, in Unicode scalars.
    static let quoteLimit = 100

    /// `text` cut to `quoteLimit` scalars (`...` when cut), for echoing client input in a message.
    static func quoted(_ text: String) -> String {
        guard text.utf8.count > quoteLimit else { return text }
        var scalars = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var taken = 0
        while taken < quoteLimit, let scalar = iterator.next() {
            scalars.append(scalar)
            taken += 1
        }
        return String(scalars) + (iterator.next() == nil ? "" : "...")
    }

    private static func check(_ value: JSONValue, against schema: JSONValue, path: String, into report: inout Report) {
        guard case .object(let rules) = schema else { return }
        func fail(_ message: @autoclosure () -> String) { report.add(SchemaViolation(path: path, message: message())) }

        if let typeRule = rules["type"] {
            let allowed = typeRule.arrayValue?.compactMap(\.stringValue) ?? typeRule.stringValue.map { [$0] } ?? []
            if !allowed.isEmpty, !allowed.contains(where: { matches(value, type: $0) }) {
                fail("expected \(describe(types: allowed)), got \(value.typeName)")
                return
            }
        }
        if let options = rules["enum"]?.arrayValue, !options.contains(value) {
            let listed = options.map { $0.stringValue ?? $0.description }.joined(separator: ", ")
            fail("must be one of: \(listed); got \(value.stringValue.map { "\"\(quoted($0))\"" } ?? quoted(value.description))")
        }
        if let constant = rules["const"], constant != value {
            fail("must be \(constant)")
        }
        for key in ["anyOf", "oneOf"] {
            if let branches = rules[key]?.arrayValue {
                let passing = branches.filter { branch in
                    var probe = Report(limit: 0)
                    check(value, against: branch, path: path, into: &probe)
                    return probe.isEmpty
                }.count
                if passing == 0 || (key == "oneOf" && passing > 1) {
                    let types = branches.compactMap { $0["type"]?.stringValue }
                    if passing == 0, types.count == branches.count, !types.isEmpty {
                        fail("expected \(describe(types: types)), got \(value.typeName)")
                    } else {
                        fail("does not match any of the allowed forms")
                    }
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
                    check(element, against: itemSchema, path: "\(path)[\(index)]", into: &report)
                }
            }
        case .object(let members):
            let properties = rules["properties"]?.objectValue ?? [:]
            for name in rules["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                report.add(SchemaViolation(path: join(path, name), message: "is required"))
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    check(member, against: propertySchema, path: join(path, name), into: &report)
                } else if let extra = rules["additionalProperties"] {
                    if extra == .bool(false) {
                        let known = properties.keys.sorted().joined(separator: ", ")
                        report.add(
                            SchemaViolation(
                                path: join(path, quoted(name)),
                                message: known.isEmpty ? "is not allowed" : "is not a known field (known: \(known))"))
                    } else {
                        check(member, against: extra, path: join(path, quoted(name)), into: &report)
                    }
                }
            }
        default:
            break
        }
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
