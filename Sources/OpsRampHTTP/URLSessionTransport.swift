import CurlCertificateAuthority
import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `HTTPTransport` on one shared `URLSession` (connections are reused across requests).
///
/// Uses the delegate API rather than `data(for:)` so that it can stop reading a body that
/// grows past the cap, enforce a whole-exchange timeout of its own, and abandon the request
/// at once when the calling task is cancelled.
///
/// The session is created by the first request, not with the transport: a session loads and
/// initialises libcurl and its TLS library (about 5 MB of resident memory), which a server that
/// is only listed by its host, or never called, should not pay for.
public final class URLSessionTransport: HTTPTransport, Sendable {
    private let exchanges = Exchanges()
    private let maximumConnectionsPerHost: Int
    /// `nil` until the first request.
    private let session = Mutex<URLSession?>(nil)

    /// `certificateAuthorityFile`: a PEM file of CA certificates that every transfer of the process
    /// trusts instead of the system's CA file (Linux; see CurlCertificateAuthority). Proxies need no
    /// setting here: libcurl takes them from the environment (`HTTPS_PROXY`, `NO_PROXY`, ...).
    public init(maximumConnectionsPerHost: Int = 128, certificateAuthorityFile: String? = nil) {
        if let certificateAuthorityFile { _ = opsramp_curl_use_ca_file(certificateAuthorityFile) }
        self.maximumConnectionsPerHost = maximumConnectionsPerHost
    }

    deinit {
        session.withLock { $0?.invalidateAndCancel() }
    }

    /// True once a request has created the session (for tests).
    var hasSession: Bool {
        session.withLock { $0 != nil }
    }

    /// Exchange deadlines still being watched (for tests: none outlives its exchange).
    var pendingDeadlines: Int {
        exchanges.pendingDeadlines
    }

    /// How much longer than the exchange a request's own timeout is set when it is shorter:
    /// `URLSession` must never give up before the transport's timer does.
    static let requestTimeoutMargin: Duration = .seconds(5)

    public func send(_ request: URLRequest, limits: TransferLimits) async throws(TransportError) -> HTTPResponse {
        if Task.isCancelled { throw .cancelled }
        var request = request
        // `URLRequest` counts in seconds (TimeInterval): converted here, at the edge.
        let outlasting = (limits.timeout + Self.requestTimeoutMargin).seconds
        if request.timeoutInterval < outlasting {
            request.timeoutInterval = outlasting
        }
        let task = currentSession().dataTask(with: request)
        let exchanges = self.exchanges
        let result: Result<HTTPResponse, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                exchanges.start(task, limits: limits, continuation: continuation)
            }
        } onCancel: {
            exchanges.finish(task, with: .failure(.cancelled))
        }
        return try result.get()
    }

    private func currentSession() -> URLSession {
        session.withLock { current in
            if let current { return current }
            let made = Self.makeSession(maximumConnectionsPerHost: maximumConnectionsPerHost, delegate: exchanges)
            current = made
            return made
        }
    }

    private static func makeSession(maximumConnectionsPerHost: Int, delegate: Exchanges) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        // Without this, URLSession parses every response header line as a possible cookie (a
        // quarter of the instructions of a small exchange) only to throw the cookies away.
        configuration.httpCookieAcceptPolicy = .never
        // Only an uncompressed body can be held to the size cap as it arrives: a small compressed
        // body may inflate to gigabytes before any cap is checked. Set once here, for every request.
        configuration.httpAdditionalHeaders = ["Accept-Encoding": "identity"]
        // Our own timer bounds the whole exchange; these only stop URLSession from giving up earlier.
        configuration.timeoutIntervalForRequest = 3600
        configuration.timeoutIntervalForResource = 3600
        return URLSession(configuration: configuration, delegate: delegate, delegateQueue: InlineDelegateQueue())
    }
}
