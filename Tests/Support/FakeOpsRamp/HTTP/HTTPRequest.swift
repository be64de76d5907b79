import Foundation

/// One parsed HTTP/1.x request.
struct HTTPRequest: Sendable {
    let method: String
    /// The request target as sent (`/path?query`).
    let target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    let version: String
    /// Names lower-cased; repeated headers joined with ", ".
    let headers: [String: String]
    let body: [UInt8]

    /// The target's path, percent-decoded (`+` stays `+` in a path).
    var path: String {
        FormCoding.percentDecode(rawPath, plusAsSpace: false)
    }

    /// The path as on the wire; an absolute-form target (`http://host/path`) is reduced to its path.
    var rawPath: String {
        var pathAndQuery = Substring(target)
        if let schemeEnd = pathAndQuery.range(of: "://") {
            let afterAuthority = pathAndQuery[schemeEnd.upperBound...]
            pathAndQuery = afterAuthority.firstIndex(of: "/").map { afterAuthority[$0...] } ?? "/"
        }
        return String(pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// Everything after the first `?`, still percent-encoded; `""` when absent.
    var rawQuery: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// The form-decoded query parameters.
    var query: [String: String] {
        FormCoding.decodeForm(rawQuery)
    }

    /// Whether the client wants the connection kept open after this exchange (RFC 9112 §9.3).
    var wantsKeepAlive: Bool {
        let tokens = (headers["connection"] ?? "").lowercased().split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if tokens.contains("close") { return false }
        return version == "HTTP/1.1" || tokens.contains("keep-alive")
    }
}
