import OpsRampJSON

/// A JSON-RPC request id: a string or a number, echoed back exactly as received.
enum RequestID: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(JSONNumber)

    /// The id in a message, or `nil` when the value is not a usable id (null, bool, array, object).
    init?(_ value: JSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .number(let number): self = .number(number)
        default: return nil
        }
    }

    var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .number(let number): .number(number)
        }
    }

    var description: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .number(let number): number.literal
        }
    }
}
