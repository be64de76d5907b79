import JSON
import Logging

/// Turns a `ToolOutput` into the `CallToolResult` shape for a revision.
enum ToolResultRenderer {
    /// `notice` (see `Tool.withNotice`) becomes the `notice` member of a result, or the last sentence of an error.
    static func render(_ output: ToolOutput, revision: ProtocolRevision, notice: String? = nil) -> JSONValue {
        if output.isError {
            // The message alone reads best for the model; details, if any, follow as JSON.
            var text = output.data["error"]?.stringValue ?? "The tool failed."
            var details = output.data
            details["error"] = nil
            if !details.isEmpty { text += " Details: " + JSONWriter.string(.object(details)) }
            if let notice { text += " (" + notice + ")" }
            // Error text may quote an upstream answer; make sure no credential rides along.
            return [
                "content": [["type": "text", "text": .string(SecretRedactor.shared.redact(text))]],
                "isError": true,
            ]
        }
        var members = output.data
        var encoded = output.encoded
        if let notice {
            members[Tool.noticeKey] = .string(notice)
            encoded = nil
        }
        let data = JSONValue.object(members)
        var result: [String: JSONValue] = [
            "content": [["type": "text", "text": .string(encoded.map { String(decoding: $0, as: UTF8.self) } ?? JSONWriter.string(data))]],
            "isError": false,
        ]
        if revision.hasStructuredContent { result["structuredContent"] = data }
        return .object(result)
    }
}
