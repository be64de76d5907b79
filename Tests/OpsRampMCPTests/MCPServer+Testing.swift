import OpsRampJSON

@testable import OpsRampMCP

extension MCPServer {
    /// Feeds one line of text as if read from stdin.
    func feed(_ text: String) {
        receive(.message(Array(text.utf8)))
    }

    /// Feeds a stateless (2026-07-28) request with the `_meta` envelope.
    func feedStateless(id: Int, method: String, params: [String: JSONValue] = [:], meta extra: [String: JSONValue] = [:]) {
        var meta: [String: JSONValue] = [
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": [:],
            "io.modelcontextprotocol/clientInfo": ["name": "t", "version": "1"],
        ]
        for (key, value) in extra { meta[key] = value }
        var allParams = params
        allParams["_meta"] = .object(meta)
        receive(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(allParams)])
    }

    /// Feeds `initialize` (and `initialized`) for `version`.
    func handshake(_ version: String = "2025-06-18") {
        feed(
            #"{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
        )
        feed(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
    }
}
