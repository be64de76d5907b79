import CurlCertificateAuthority
import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The state of every exchange in flight, and the session delegate that feeds it.
final class Exchanges: NSObject, URLSessionDataDelegate, @unchecked Sendable {
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

    func start(
        _ task: URLSessionDataTask, limits: TransferLimits,
        continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>
    ) {
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
            // Never started; cancelled so that the session lets go of it too.
            task.cancel()
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

    /// Ends an exchange exactly once; later calls for the same task do nothing. `stopsTransfer`: also
    /// cancel the task; not when URLSession itself reported the end (`didCompleteWithError`), or when
    /// declining a challenge is what stops it.
    func finish(_ task: URLSessionTask, with result: Result<HTTPResponse, TransportError>, stopsTransfer: Bool = true) {
        let id = task.taskIdentifier
        lock.lock()
        guard let exchange = active.removeValue(forKey: id) else {
            if case .failure(.cancelled) = result, task.state == .suspended { finishedEarly.insert(id) }
            lock.unlock()
            return
        }
        lock.unlock()
        watchdog.cancel(id)
        if stopsTransfer {
            // Ended early (cap, timeout, cancellation): stop the transfer. Not from this thread: the
            // delegate runs on URLSession's own queue (see `InlineDelegateQueue`), and `cancel()`
            // waits for that queue.
            DispatchQueue.global().async {
                if task.state == .running || task.state == .suspended { task.cancel() }
            }
        }
        exchange.continuation.resume(returning: result)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
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
            finish(task, with: .failure(Self.classify(error, timeout: exchange.limits.timeout)), stopsTransfer: false)
        } else if let response {
            finish(task, with: .success(Self.answer(response, body: body)), stopsTransfer: false)
        } else {
            finish(task, with: .failure(.other("the server sent no HTTP response")), stopsTransfer: false)
        }
    }

    /// A 401 carrying `WWW-Authenticate: Basic` (or another scheme URLSession knows) comes as a
    /// challenge instead of an answer; with no credential to offer, URLSession on Linux would then
    /// wait for ever. A gateway in front of the wrong URL answers like that: its 401 is the answer.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        // Anything but a refused request (on Darwin, checking the server's certificate) goes on as usual.
        guard let refusal = challenge.failureResponse as? HTTPURLResponse else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        lock.lock()
        let exchange = active[task.taskIdentifier]
        let response = exchange?.response ?? refusal
        let body = exchange?.body ?? Data()
        lock.unlock()
        guard exchange != nil else { return }
        finish(task, with: .success(Self.answer(response, body: body)), stopsTransfer: false)
        // Declining cancels the task, which stops the transfer; `cancel()` waits for the queue this runs
        // on, so the handler is called from another thread. It touches nothing of ours.
        nonisolated(unsafe) let decline = completionHandler
        DispatchQueue.global().async { decline(.cancelAuthenticationChallenge, nil) }
    }

    /// The answer as the client reads it: status, headers by lower-cased name, body.
    static func answer(_ response: HTTPURLResponse, body: Data) -> HTTPResponse {
        var headers: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let name = key as? String, let text = value as? String { headers[name.lowercased()] = text }
        }
        ReceivedBytes.add(body.count)
        return HTTPResponse(status: response.statusCode, headers: headers, body: body)
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
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    static func classify(_ error: Error, timeout: Duration) -> TransportError {
        guard let urlError = error as? URLError else { return .other(String(describing: error)) }
        return TransportFailure.classify(
            code: urlError.code, message: urlError.localizedDescription,
            target: urlError.failingURL, timeout: timeout)
    }
}
