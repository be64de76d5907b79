import OpsRampJSON

/// Small builders for the JSON Schemas of tool inputs and outputs, so each tool's file reads as data.
enum Schema {
    static func object(_ properties: [String: JSONValue], required: [String] = [], description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "object",
            "properties": .object(properties),
            "additionalProperties": false,
        ]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        schema.setIfPresent("description", description.map(JSONValue.string))
        return .object(schema)
    }

    /// An object schema for outputs: known properties, others allowed (OpsRamp adds fields over time).
    static func openObject(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }

    static func string(
        _ description: String, enum values: [String]? = nil, default fallback: String? = nil,
        minLength: Int? = nil, maxLength: Int? = nil
    ) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "description": .string(description)]
        schema.setIfPresent("enum", values.map { .array($0.map(JSONValue.string)) })
        schema.setIfPresent("default", fallback.map(JSONValue.string))
        schema.setIfPresent("minLength", minLength.map(JSONValue.int))
        schema.setIfPresent("maxLength", maxLength.map(JSONValue.int))
        return .object(schema)
    }

    static func integer(_ description: String, minimum: Int? = nil, maximum: Int? = nil, default fallback: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer", "description": .string(description)]
        schema.setIfPresent("minimum", minimum.map(JSONValue.int))
        schema.setIfPresent("maximum", maximum.map(JSONValue.int))
        schema.setIfPresent("default", fallback.map(JSONValue.int))
        return .object(schema)
    }

    static func boolean(_ description: String, default fallback: Bool? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "boolean", "description": .string(description)]
        schema.setIfPresent("default", fallback.map(JSONValue.bool))
        return .object(schema)
    }

    static func stringArray(_ description: String, enum values: [String]? = nil, maxItems: Int? = nil) -> JSONValue {
        var items: [String: JSONValue] = ["type": "string"]
        items.setIfPresent("enum", values.map { .array($0.map(JSONValue.string)) })
        var schema: [String: JSONValue] = ["type": "array", "description": .string(description), "items": .object(items)]
        schema.setIfPresent("maxItems", maxItems.map(JSONValue.int))
        return .object(schema)
    }

    /// An object whose members are not known in advance (an OpsQL row, OpsRamp's release answer):
    /// typed clients read it as a dictionary and keep every member.
    static func freeObject(_ description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "additionalProperties": true]
        schema.setIfPresent("description", description.map(JSONValue.string))
        return .object(schema)
    }

    /// One of several typed forms. Strict-mode converters (openai-agents, pydantic-ai) accept this
    /// where they reject a list of types (`"type": ["object", "string"]`).
    static func anyOf(_ branches: [JSONValue], description: String) -> JSONValue {
        ["anyOf": .array(branches), "description": .string(description)]
    }

    /// Any JSON value (no constraints), with a description.
    static func any(_ description: String) -> JSONValue {
        ["description": .string(description)]
    }

    static func array(of items: JSONValue, description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "array", "items": items]
        schema.setIfPresent("description", description.map(JSONValue.string))
        return .object(schema)
    }

    /// A value of one of several JSON types, as `anyOf` single-typed branches (strict clients reject a list of types).
    static func either(_ types: String...) -> JSONValue {
        ["anyOf": .array(types.map { ["type": .string($0)] })]
    }

    /// An object of counts (any keys, integer values).
    static func counts(_ description: String?) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "additionalProperties": plainInteger]
        schema.setIfPresent("description", description.map(JSONValue.string))
        return .object(schema)
    }

    /// A continuation offset (`offset`, `device_offset`, ...): its name says what it skips, and the
    /// answers' `next` fill it in, so it goes without a description (`tools/list` stays small).
    static let offset: JSONValue = ["type": "integer", "minimum": 0]

    static let plainString: JSONValue = ["type": "string"]
    static let plainInteger: JSONValue = ["type": "integer"]
    static let plainBoolean: JSONValue = ["type": "boolean"]
}
