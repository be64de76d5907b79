import OpsRampJSON
import OpsRampSupport

/// What a tool handler produces. The dispatcher turns it into a `CallToolResult`:
/// compact JSON text, plus `structuredContent` where the revision has it.
public struct ToolOutput: Sendable {
    /// The result data; an object, so it can double as `structuredContent`.
    public let data: [String: JSONValue]
    /// True for a tool-level failure the model should see (`isError: true`).
    let isError: Bool
    /// `data` as compact JSON, when the tool already encoded it (to measure its size); saves encoding twice.
    public let encoded: [UInt8]?

    public init(_ data: [String: JSONValue]) {
        self.data = data
        isError = false
        encoded = nil
    }

    /// A result whose compact JSON encoding is already known; `encoded` must be `JSONWriter.bytes(.object(data))`.
    public init(_ data: [String: JSONValue], encoded: [UInt8]) {
        self.data = data
        isError = false
        self.encoded = encoded
    }

    /// A failure result: the message tells the user or model what to do next.
    public static func failure(_ message: String, details: [String: JSONValue] = [:]) -> ToolOutput {
        var data = details
        data["error"] = .string(message)
        return ToolOutput(data: data, isError: true)
    }

    private init(data: [String: JSONValue], isError: Bool) {
        self.data = data
        self.isError = isError
        encoded = nil
    }
}

/// A plain user-facing failure raised by tool code.
public struct ToolFailure: UserFacingError, Sendable {
    public let userMessage: String
    public init(_ message: String) { userMessage = message }
}
