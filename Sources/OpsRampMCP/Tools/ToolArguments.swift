import OpsRampJSON

/// The `arguments` of a `tools/call`, already checked against the tool's input schema.
/// Accessors therefore only convert; they fall back to the given default when a value is absent.
public struct ToolArguments: Sendable {
    public let values: [String: JSONValue]

    public init(_ values: [String: JSONValue]) {
        self.values = values
    }

    public subscript(name: String) -> JSONValue? { values[name] }

    public func string(_ name: String) -> String? {
        values[name]?.stringValue
    }

    public func string(_ name: String, default fallback: String) -> String {
        string(name) ?? fallback
    }

    public func int(_ name: String) -> Int? {
        values[name]?.intValue
    }

    public func int(_ name: String, default fallback: Int) -> Int {
        int(name) ?? fallback
    }

    public func bool(_ name: String) -> Bool? {
        values[name]?.boolValue
    }

    public func strings(_ name: String) -> [String] {
        values[name]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
