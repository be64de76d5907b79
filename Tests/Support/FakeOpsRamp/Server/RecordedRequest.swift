import Foundation
import OpsRampJSON

/// One request as the fake received it, for tests to inspect afterwards.
public struct RecordedRequest: Sendable {
    public let method: String
    /// The percent-decoded path, without the query.
    public let path: String
    /// The query exactly as on the wire (still percent-encoded); `""` when there is none.
    public let rawQuery: String
    /// The query form-decoded: `%XX` decoded and a literal `+` read as a space, as Java servers do.
    /// When a name repeats, the first value wins (Spring's `@RequestParam` behaviour).
    public let query: [String: String]
    /// Header names lower-cased; repeated headers joined with ", ".
    public let headers: [String: String]
    public let body: Data
    /// The route the path matched; `nil` for unknown paths.
    public let route: Route?

    /// The body parsed as JSON, or `nil` when it is not JSON.
    public var bodyJSON: JSONValue? {
        try? JSONParser.parse(Array(body))
    }

    /// The body decoded as `application/x-www-form-urlencoded`.
    public var formBody: [String: String] {
        FormCoding.decodeForm(String(decoding: body, as: UTF8.self))
    }
}
