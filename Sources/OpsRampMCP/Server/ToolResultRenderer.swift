import OpsRampJSON
import OpsRampSecrets

/// Turns a `ToolOutput` into the `CallToolResult` shape for a revision.
enum ToolResultRenderer {
    /// `notice` (see `Tool.withNotice`) becomes the `notice` member of a result, or the last sentence of an error.
    /// An error's text is cut to `maximumErrorBytes` (after redaction, so a cut never leaves part of a
    /// secret; the notice is kept), as results are by the tools themselves.
    static func render(_ output: ToolOutput, revision: ProtocolRevision, notice: String? = nil, maximumErrorBytes: Int = 40_000) -> JSONValue {
        rendered(output, revision: revision, notice: notice, maximumErrorBytes: maximumErrorBytes).value
    }

    /// A `CallToolResult`, with its data already encoded when the tool encoded it (see `answerLine`).
    struct Rendered: Sendable {
        let value: JSONValue
        /// The result data as compact JSON: the text of the content and, where the revision has it, the
        /// `structuredContent`; `nil` for errors and results that were changed after the tool encoded them.
        let encodedData: [UInt8]?
    }

    static func rendered(_ output: ToolOutput, revision: ProtocolRevision, notice: String? = nil, maximumErrorBytes: Int = 40_000) -> Rendered {
        if output.isError {
            // The message alone reads best for the model; details, if any, follow as JSON.
            var text = output.data["error"]?.stringValue ?? "The tool failed."
            var details = output.data
            details["error"] = nil
            if !details.isEmpty { text += " Details: " + JSONWriter.string(.object(details)) }
            let suffix = notice.map { " (" + $0 + ")" } ?? ""
            // Error text may quote an upstream answer; make sure no credential rides along.
            let shown = bounded(SecretRedactor.shared.redact(text), bytes: max(200, maximumErrorBytes - suffix.utf8.count)) + suffix
            return Rendered(
                value: [
                    "content": [["type": "text", "text": .string(shown)]],
                    "isError": true,
                ], encodedData: nil)
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
        return Rendered(value: .object(result), encodedData: encoded)
    }

    /// The JSON-RPC answer to request `id` carrying a successful result whose data is `encodedData`:
    /// exactly `JSONWriter.bytes(OutgoingMessage.result(id: id, value))` for the `value` `rendered` gives,
    /// written around the encoding the tool made instead of encoding the data again (twice: the
    /// text, and the `structuredContent`). Keys are in `JSONWriter`'s sorted order.
    static func answerLine(id: RequestID, encodedData: [UInt8], structuredContent: Bool) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(encodedData.count * (structuredContent ? 2 : 1) + encodedData.count / 8 + 128)
        line.append(contentsOf: #"{"id":"#.utf8)
        JSONWriter.write(id.json, into: &line)
        line.append(contentsOf: #","jsonrpc":"2.0","result":{"content":[{"text":"#.utf8)
        JSONWriter.writeString(utf8: encodedData, into: &line)
        line.append(contentsOf: #","type":"text"}],"isError":false"#.utf8)
        if structuredContent {
            line.append(contentsOf: #","structuredContent":"#.utf8)
            line.append(contentsOf: encodedData)
        }
        line.append(contentsOf: "}}".utf8)
        return line
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
