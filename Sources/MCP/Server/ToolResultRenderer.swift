import JSON
import Logging

/// Turns a `ToolOutput` into the `CallToolResult` shape for a revision.
enum ToolResultRenderer {
    /// `notice` (see `Tool.withNotice`) becomes the `notice` member of a result, or the last sentence of an error.
    /// An error's text is cut to `maximumErrorBytes` (after redaction, so a cut never leaves part of a
    /// secret; the notice is kept), as results are by the tools themselves.
    static func render(_ output: ToolOutput, revision: ProtocolRevision, notice: String? = nil, maximumErrorBytes: Int = 40_000) -> JSONValue {
        if output.isError {
            // The message alone reads best for the model; details, if any, follow as JSON.
            var text = output.data["error"]?.stringValue ?? "The tool failed."
            var details = output.data
            details["error"] = nil
            if !details.isEmpty { text += " Details: " + JSONWriter.string(.object(details)) }
            let suffix = notice.map { " (" + $0 + ")" } ?? ""
            // Error text may quote an upstream answer; make sure no credential rides along.
            let shown = bounded(SecretRedactor.shared.redact(text), bytes: max(200, maximumErrorBytes - suffix.utf8.count)) + suffix
            return [
                "content": [["type": "text", "text": .string(shown)]],
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

    /// `text` in at most about `bytes` bytes of UTF-8, cut on a scalar boundary, with a note when cut.
    static func bounded(_ text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return text }
        let note = " [message cut: it had \(utf8.count) bytes]"
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, bytes - note.utf8.count))
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return (String(utf8[..<end]) ?? "") + note
    }
}
