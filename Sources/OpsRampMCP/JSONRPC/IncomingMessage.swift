import OpsRampJSON

/// One decoded JSON-RPC message from the client, classified by shape.
enum IncomingMessage: Sendable, Equatable {
    /// A call that expects an answer.
    case request(id: RequestID, method: String, params: JSONValue?)
    /// A call without an id; never answered.
    case notification(method: String, params: JSONValue?)
    /// An answer to a request the server sent. This server sends none, so these are dropped.
    case response(id: RequestID?)
    /// Not a valid JSON-RPC message; answered with `-32600` (using the id when it is usable).
    case invalid(id: RequestID?, reason: String)

    /// Classifies one JSON value following JSON-RPC 2.0 section 4/5.
    init(_ value: JSONValue) {
        guard case .object(let object) = value else {
            self = .invalid(id: nil, reason: "a JSON-RPC message must be an object, got \(value.typeName)")
            return
        }
        var id: RequestID?
        if let rawID = object["id"] {
            guard let usable = RequestID(rawID) else {
                self = .invalid(id: nil, reason: "\"id\" must be a string or a number, got \(rawID.typeName)")
                return
            }
            id = usable
        }
        let method = object["method"]
        if method == nil, object["result"] != nil || object["error"] != nil {
            self = .response(id: id)
            return
        }
        guard object["jsonrpc"] == .string("2.0") else {
            if id == nil, case .string(let name)? = method {
                // Looks like a notification with a bad version tag; notifications are never answered.
                self = .notification(method: name, params: object["params"])
            } else {
                self = .invalid(id: id, reason: "\"jsonrpc\" must be exactly \"2.0\"")
            }
            return
        }
        guard case .string(let name)? = method else {
            let detail = method.map { "got \($0.typeName)" } ?? "it is missing"
            self = .invalid(id: id, reason: "\"method\" must be a string; \(detail)")
            return
        }
        let params = object["params"]
        if let params {
            switch params {
            case .object, .array: break
            default:
                if let id {
                    self = .invalid(id: id, reason: "\"params\" must be an object or an array, got \(params.typeName)")
                } else {
                    self = .notification(method: name, params: nil)
                }
                return
            }
        }
        if let id {
            self = .request(id: id, method: name, params: params)
        } else {
            self = .notification(method: name, params: params)
        }
    }
}
