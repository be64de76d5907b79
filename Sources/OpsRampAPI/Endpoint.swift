import HTTP
import JSON

/// One OpsRamp API operation: method, path, query and body.
public struct Endpoint: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public let method: Method
    /// Path segments after the base URL; each is percent-encoded on its own, so no value
    /// (a tenant id, an id from the model) can add segments or a query.
    public let path: [String]
    /// Ordered query parameters, percent-encoded strictly (`+` as `%2B`, space as `%20`).
    public let query: [(String, String)]
    public let body: JSONValue?
    /// Safe to repeat: GETs and OpsQL queries (a read-only POST).
    public let idempotent: Bool

    public init(_ method: Method, path: [String], query: [(String, String)] = [], body: JSONValue? = nil, idempotent: Bool? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.idempotent = idempotent ?? (method == .get)
    }

    /// `/a/b?x=1`, for log lines; values of the query are shown encoded.
    public var displayPath: String {
        "/" + path.map(PercentEncoding.encode).joined(separator: "/") + (query.isEmpty ? "" : "?" + PercentEncoding.query(query))
    }
}
