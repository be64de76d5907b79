import OpsRampJSON

/// JSON-RPC 2.0 and MCP error codes.
enum JSONRPCErrorCode: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    /// MCP (until 2025-11-25): `resources/read` for a URI the server does not know.
    case resourceNotFound = -32002
    /// MCP 2026-07-28: the request's `_meta` names a protocol version the server does not serve.
    case unsupportedProtocolVersion = -32022
}

/// An error answer to a request. Thrown by method handlers; the dispatcher turns it into
/// a JSON-RPC error response.
struct JSONRPCError: Error, Sendable, Equatable {
    let code: JSONRPCErrorCode
    let message: String
    let data: JSONValue?

    init(_ code: JSONRPCErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["code": .int(code.rawValue), "message": .string(message)]
        object.setIfPresent("data", data)
        return .object(object)
    }

    static func invalidParams(_ message: String, data: JSONValue? = nil) -> JSONRPCError {
        JSONRPCError(.invalidParams, message, data: data)
    }
}
