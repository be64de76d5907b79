import OpsRampHTTP
import OpsRampJSON
import OpsRampSecrets

/// OpsRamp's own words from an error answer, read the same way for the API and the token endpoint.
///
/// The body shapes, in the order they are tried:
/// 1. a list of `{fieldName, message}` (validation errors): `fieldName: message`, joined with `; `;
/// 2. an object: the first non-empty of `error_description` (OAuth), `message` (`{code, message}`),
///    `error` (an OAuth error code, the least readable) and `errorMessage`;
/// 3. anything else (plain text, HTML, an empty body): the body itself, tags removed and cut short.
public enum OpsRampErrorBody {
    /// Members of an error object that hold its text, best first.
    static let textKeys = ["error_description", "message", "error", "errorMessage"]

    /// The error text of `response`, at most `limit` characters; empty for an empty body.
    public static func detail(of response: HTTPResponse, limit: Int = 300) -> String {
        detail(parsed: try? JSONParser.parse(response.body), limit: limit) ?? response.bodyExcerpt(limit: limit)
    }

    /// The error text of an already parsed body, or `nil` when it holds none.
    public static func detail(parsed body: JSONValue?, limit: Int = 300) -> String? {
        guard let body else { return nil }
        if let items = body.arrayValue {
            let messages = items.compactMap { item -> String? in
                guard let message = item["message"]?.stringValue else { return nil }
                return item["fieldName"]?.stringValue.map { "\($0): \(message)" } ?? message
            }
            if !messages.isEmpty { return Excerpt.of(messages.joined(separator: "; "), limit: limit) }
        }
        for key in textKeys {
            if let text = body[key]?.stringValue, !text.isEmpty { return Excerpt.of(text, limit: limit) }
        }
        return nil
    }
}
