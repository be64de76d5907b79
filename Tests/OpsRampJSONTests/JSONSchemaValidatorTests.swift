import Testing

@testable import OpsRampJSON

@Suite("JSON Schema validator")
struct JSONSchemaValidatorTests {
    let schema: JSONValue = [
        "type": "object",
        "properties": [
            "limit": ["type": "integer", "minimum": 1, "maximum": 10],
            "states": ["type": "array", "items": ["type": "string", "enum": ["Critical", "Ok"]]],
            "query": ["type": ["object", "string"]],
            "name": ["type": "string", "minLength": 1],
        ],
        "required": ["query"],
        "additionalProperties": false,
    ]

    @Test("a valid value has no violations")
    func valid() {
        #expect(JSONSchemaValidator.validate(["query": "x", "limit": 3, "states": ["Ok"]], against: schema).isEmpty)
        #expect(JSONSchemaValidator.validate(["query": [:]], against: schema).isEmpty)
    }

    @Test("each violation names the argument and what was expected")
    func violations() {
        let found = JSONSchemaValidator.validate(
            ["limit": "5", "states": ["Critical", "Bad"], "extra": 1, "name": ""], against: schema
        ).map(\.description)
        #expect(found.contains("query: is required"))
        #expect(found.contains("limit: expected an integer, got a string"))
        #expect(found.contains(where: { $0.hasPrefix("states[1]: must be one of: Critical, Ok") }))
        #expect(found.contains(where: { $0.hasPrefix("extra: is not a known field") }))
        #expect(found.contains("name: must not be empty"))
    }

    @Test("integer bounds and union types")
    func bounds() {
        #expect(JSONSchemaValidator.validate(["query": "x", "limit": 11], against: schema).map(\.description) == ["limit: must be at most 10"])
        #expect(
            JSONSchemaValidator.validate(["query": "x", "limit": 2.5], against: schema).map(\.description) == [
                "limit: expected an integer, got a number"
            ])
        #expect(
            JSONSchemaValidator.validate(["query": 5], against: schema).map(\.description) == [
                "query: expected an object or a string, got an integer"
            ])
    }

    @Test("anyOf of plain types explains itself like a list of types")
    func anyOfTypes() {
        let schema: JSONValue = ["type": "object", "properties": ["query": ["anyOf": [["type": "object"], ["type": "string"]]]]]
        #expect(JSONSchemaValidator.validate(["query": "x"], against: schema).isEmpty)
        #expect(JSONSchemaValidator.validate(["query": [:]], against: schema).isEmpty)
        #expect(
            JSONSchemaValidator.validate(["query": 5], against: schema).map(\.description) == [
                "query: expected an object or a string, got an integer"
            ])
    }

    @Test("a bounded validation keeps the first violations, counts all of them, and quotes values and keys in part")
    func bounded() {
        let bad = JSONValue.array((0..<10_000).map { _ in .string(String(repeating: "v", count: 5_000)) })
        let (kept, total) = JSONSchemaValidator.validate(
            ["query": "x", "states": bad, String(repeating: "k", count: 5_000): 1],
            against: schema, limit: 3)
        #expect(kept.count == 3)
        #expect(total == 10_001)
        #expect(kept.allSatisfy { $0.description.utf8.count < 400 })
        #expect(kept.contains { $0.description.contains(String(repeating: "k", count: 100) + "...: is not a known field") })
        #expect(kept.contains { $0.description.hasSuffix(String(repeating: "v", count: 100) + "...\"") })
    }
}
