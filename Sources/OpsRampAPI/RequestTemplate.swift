import Foundation
import OpsRampHTTP
import OpsRampJSON

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The parts of every OpsRamp request that never change, set once: the base URL, `Accept`,
/// `User-Agent` and a request timeout the transport never has to raise. Each exchange then only
/// sets its URL, method, token and body on a copy (setting a header on a `URLRequest` checks and
/// copies it, a measurable share of a small call).
struct RequestTemplate: Sendable {
    let baseURL: URL
    /// `baseURL` as text, to append encoded paths to.
    private let base: String
    private let prototype: URLRequest

    /// Longer than any exchange is allowed to take: the transport's own timer bounds each one
    /// (see `URLSessionTransport.requestTimeoutMargin`).
    static let requestTimeout: TimeInterval = 3_600

    init(baseURL: URL, userAgent: String) {
        self.baseURL = baseURL
        base = baseURL.absoluteString
        var prototype = URLRequest(url: baseURL, timeoutInterval: Self.requestTimeout)
        prototype.setValue("application/json", forHTTPHeaderField: "Accept")
        prototype.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        self.prototype = prototype
    }

    func request(_ endpoint: Endpoint, bearer token: String) -> URLRequest {
        var request = prototype
        // Every piece of the path and query is percent-encoded, so this URL always parses; the base URL is the fallback.
        request.url = URL(string: base + endpoint.encodedPathAndQuery) ?? baseURL
        if endpoint.method != .get { request.httpMethod = endpoint.method.rawValue }
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body = endpoint.body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(JSONWriter.bytes(body))
        }
        return request
    }
}
