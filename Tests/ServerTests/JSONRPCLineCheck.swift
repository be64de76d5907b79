@testable import OpsRampJSON

/// Checks one stdout line against JSON-RPC 2.0: an object with `"jsonrpc":"2.0"` that is a
/// response (id plus exactly one of result/error) or a notification (method, no id).
/// Returns a problem description, or nil when the line is fine.
func jsonRPCProblem(_ line: String) -> String? {
    guard let message = try? JSONParser.parse(line) else { return "not JSON: \(line.prefix(120))" }
    if let batch = message.arrayValue {
        return batch.isEmpty ? "empty batch answer" : batch.lazy.compactMap { jsonRPCProblem(JSONWriter.string($0)) }.first
    }
    guard case .object(let object) = message else { return "not an object: \(line.prefix(120))" }
    guard object["jsonrpc"] == "2.0" else { return "jsonrpc is not 2.0: \(line.prefix(120))" }
    if object["method"] != nil {
        return object["id"] == nil ? nil : "server sent a request: \(line.prefix(120))"
    }
    guard let id = object["id"], id.isNull || id.stringValue != nil || id.numberValue != nil else { return "bad id: \(line.prefix(120))" }
    let hasResult = object["result"] != nil
    let hasError = object["error"] != nil
    guard hasResult != hasError else { return "needs exactly one of result/error: \(line.prefix(120))" }
    if hasError {
        guard object["error"]?["code"]?.intValue != nil, object["error"]?["message"]?.stringValue != nil else {
            return "error without code/message: \(line.prefix(120))"
        }
    }
    return nil
}
