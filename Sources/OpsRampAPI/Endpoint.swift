import OpsRampHTTP
import OpsRampJSON

/// One OpsRamp API operation: method, path, query and body.
struct Endpoint: Sendable {
    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    let method: Method
    /// Path segments after the base URL; each is percent-encoded on its own, so no value
    /// (a tenant id, an id from the model) can add segments or a query.
    let path: [String]
    /// Ordered query parameters, percent-encoded strictly (`+` as `%2B`, space as `%20`).
    let query: [(String, String)]
    let body: JSONValue?
    /// Safe to repeat: GETs and OpsQL queries (a read-only POST).
    let idempotent: Bool
    /// The per-minute budget each attempt counts against, if any (see `RateBucket`).
    let bucket: RateBucket?

    /// Longest path and query sent. Web servers and gateways commonly refuse request lines over
    /// 8-16 KB, and libcurl fails with "Out of memory" on multi-megabyte URLs; past this the
    /// arguments are at fault and the call says so instead of sending.
    static let maximumPathAndQueryBytes = 16 * 1024

    init(
        _ method: Method, path: [String], query: [(String, String)] = [], body: JSONValue? = nil,
        idempotent: Bool? = nil, bucket: RateBucket? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.idempotent = idempotent ?? (method == .get)
        self.bucket = bucket
    }

    /// The path and query as sent, e.g. `/a/b?x=1`: each segment and value percent-encoded.
    var encodedPathAndQuery: String {
        "/" + path.map(Self.encodeSegment).joined(separator: "/") + (query.isEmpty ? "" : "?" + PercentEncoding.form(query))
    }

    /// One path segment, percent-encoded; a segment of only dots (`.`, `..`) is encoded too, so
    /// that URL normalisation can never turn it into a step up the path.
    static func encodeSegment(_ segment: String) -> String {
        if !segment.isEmpty, segment.allSatisfy({ $0 == "." }) {
            return String(repeating: "%2E", count: segment.count)
        }
        return PercentEncoding.encode(segment)
    }
}
