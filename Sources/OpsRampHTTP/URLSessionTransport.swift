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
        let queue = OperationQueue()
        queue.name = "http-transport"
        queue.maxConcurrentOperationCount = 1
        return URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }
}

/// The state of every exchange in flight, and the session delegate that feeds it.
private final class Exchanges: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked: `active`, `finishedEarly` and every `Exchange` are only touched while `lock` is held.
    private let lock = NSLock()
    private var active: [Int: Exchange] = [:]
    /// Tasks finished (cancelled) before they started; see `start`.
    private var finishedEarly: Set<Int> = []
    /// Ends each exchange that outlives its whole-exchange timeout; no deadline outlives its exchange.
    private let watchdog = DeadlineWatchdog(name: "http-deadlines")

    /// One exchange. A class, so that appending to `body` never copies it: a struct read out of
    /// the dictionary would share the body's storage, and each append would then copy it whole.
    private final class Exchange {
        let continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>
        let limits: TransferLimits
        var response: HTTPURLResponse?
        var body = Data()

        init(continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>, limits: TransferLimits) {
            self.continuation = continuation
            self.limits = limits
        }
    }

    func start(_ task: URLSessionDataTask, limits: TransferLimits,
               continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) {
        let id = task.taskIdentifier
        let exchange = Exchange(continuation: continuation, limits: limits)
        // Scheduled before the exchange is visible, so the `cancel` in `finish` always comes after it.
        watchdog.schedule(id, at: ContinuousClock.now + limits.timeout) { [weak self, weak task] in
            guard let self, let task else { return }
            self.finish(task, with: .failure(.timedOut(after: limits.timeout)))
        }
        lock.lock()
        if finishedEarly.remove(id) != nil {
            lock.unlock()
            watchdog.cancel(id)
            continuation.resume(returning: .failure(.cancelled))
            return
        }
        active[id] = exchange
        lock.unlock()
        task.resume()
    }

    var pendingDeadlines: Int {
        watchdog.pendingCount
    }

    /// Ends an exchange exactly once; later calls for the same task do nothing.
    func finish(_ task: URLSessionTask, with result: Result<HTTPResponse, TransportError>) {
        let id = task.taskIdentifier
        lock.lock()
        guard let exchange = active.removeValue(forKey: id) else {
            if case .failure(.cancelled) = result, task.state == .suspended { finishedEarly.insert(id) }
            lock.unlock()
            return
        }
        lock.unlock()
        watchdog.cancel(id)
        if task.state == .running || task.state == .suspended { task.cancel() }
        exchange.continuation.resume(returning: result)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        var failure: TransportError?
        lock.lock()
        if let exchange = active[dataTask.taskIdentifier] {
            exchange.response = http
            if response.expectedContentLength > Int64(exchange.limits.maximumBodyBytes) {
                failure = .responseTooLarge(limit: exchange.limits.maximumBodyBytes)
            } else if let encoding = Self.contentEncoding(http), encoding != "identity" {
                // Asked for identity; whatever inflates this is past the cap's reach.
                failure = .compressedResponse(encoding: encoding)
            }
        }
        lock.unlock()
        if let failure {
            completionHandler(.cancel)
            finish(dataTask, with: .failure(failure))
        } else {
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        var tooLarge: Int?
        if let exchange = active[dataTask.taskIdentifier] {
            if exchange.body.count + data.count > exchange.limits.maximumBodyBytes {
                tooLarge = exchange.limits.maximumBodyBytes
            } else {
                exchange.body.append(data)
            }
        }
        lock.unlock()
        if let tooLarge { finish(dataTask, with: .failure(.responseTooLarge(limit: tooLarge))) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        let exchange = active[task.taskIdentifier]
        // A 3xx without a Location never reaches `didReceive response` (URLSession on Linux holds it
        // back as a redirect it cannot follow), but the task keeps it: it is still OpsRamp's answer.
        let response = exchange?.response ?? task.response as? HTTPURLResponse
        let body = exchange?.body ?? Data()
        lock.unlock()
        guard let exchange else { return }
        if let error {
            finish(task, with: .failure(Self.classify(error, timeout: exchange.limits.timeout)))
        } else if let response {
            var headers: [String: String] = [:]
            for (key, value) in response.allHeaderFields {
                if let name = key as? String, let text = value as? String { headers[name.lowercased()] = text }
            }
            ReceivedBytes.add(body.count)
            finish(task, with: .success(HTTPResponse(status: response.statusCode, headers: headers, body: body)))
        } else {
            finish(task, with: .failure(.other("the server sent no HTTP response")))
        }
    }

    /// The `Content-Encoding` of a response, lower-cased, when it has one.
    static func contentEncoding(_ response: HTTPURLResponse?) -> String? {
        guard let response else { return nil }
        for (key, value) in response.allHeaderFields {
            if let name = key as? String, name.lowercased() == "content-encoding", let text = value as? String {
                let encoding = text.trimmingCharacters(in: .whitespaces).lowercased()
                return encoding.isEmpty ? nil : encoding
            }
        }
        return nil
    }
    /// Do not follow redirects: a redirect could carry the bearer token to another host.
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    static func classify(_ error: Error, timeout: Duration) -> TransportError {
        guard let urlError = error as? URLError else { return .other(String(describing: error)) }
        return TransportFailure.classify(code: urlError.code, message: urlError.localizedDescription,
                                         target: urlError.failingURL, timeout: timeout)
    }
}
