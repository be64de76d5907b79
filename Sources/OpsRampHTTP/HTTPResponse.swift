import Foundation
import OpsRampSecrets

/// A complete HTTP answer as read from the wire.
public struct HTTPResponse: Sendable, Equatable {
    public let status: Int
    /// Header fields with lower-cased names; quoted values are kept as sent.
    let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as text for error messages: UTF-8, whitespace collapsed, HTML tags removed, secrets
    /// redacted, cut to `limit` characters.
    public func bodyExcerpt(limit: Int = 300) -> String {
        var text = SecretRedactor.shared.redact(String(decoding: body.prefix(64 * 1024), as: UTF8.self))
        if text.contains("<") && text.contains(">") {
            text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let collapsed = words.joined(separator: " ")
        return Excerpt.of(collapsed, limit: limit)
    }
}
