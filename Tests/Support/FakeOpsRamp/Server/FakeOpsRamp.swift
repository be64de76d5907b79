import Dispatch
import Foundation
import OpsRampJSON
import Synchronization

/// A fake HPE OpsRamp API on 127.0.0.1 for tests: OAuth2 token (reference §2), alerts search (§6),
/// minimal resources (§7), OpsQL (§9) and release version (§8), with OpsRamp's error bodies (§3),
/// rate-limit headers (§4) and the v2 paging envelope (§5). Faults can be injected per route.
///
/// Built on POSIX sockets with one thread per connection, so it behaves like a real server to
/// URLSession (libcurl) and Python's urllib, including keep-alive and `Expect: 100-continue`.
///
/// Sendable without `@unchecked`: every stored property is immutable and itself `Sendable` —
/// all mutable state sits in one `Mutex<ServerState>`, the stop flag is an `Atomic`, and the
/// thread group is a `DispatchGroup`. Call `stop()` when done: running threads keep the fake alive.
public final class FakeOpsRamp: Sendable {
    let clientID: String
    let clientSecret: String
    let tenantID: String
    /// How often the accept loop looks up from waiting to notice `stop()`.
    let acceptPollMilliseconds: Int32
    let state = Mutex(ServerState())
    let stopping = Atomic<Bool>(false)
    /// The accept thread and every connection thread, so `stop()` can wait for them to finish.
    let threads = DispatchGroup()

    /// `acceptPollMilliseconds` bounds how long `stop()` waits for the accept loop (tests want it short);
    /// a fake that runs for hours and is never stopped (`--demo`) can wake up far less often.
    public init(
        clientID: String = "test-client", clientSecret: String = "test-secret", tenantID: String = "client_1234",
        acceptPollMilliseconds: Int32 = 25
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tenantID = tenantID
        self.acceptPollMilliseconds = max(1, acceptPollMilliseconds)
    }

    /// The listening port; 0 before `start()` and after `stop()`.
    public var port: Int {
        state.withLock { state in
            if case .running(_, let port) = state.phase { return port }
            return 0
        }
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    // MARK: Data the API serves

    /// Full OpsRamp alert objects (§6), newest first; see `FakeData.alert`.
    public var alerts: [JSONValue] {
        get { state.withLock { $0.alerts } }
        set { state.withLock { $0.alerts = newValue } }
    }

    /// Resource objects (§7 fields plus `make`, `state`, `nativeType`, `agentInstalled`, `tags`); see `FakeData.resource`.
    public var resources: [JSONValue] {
        get { state.withLock { $0.resources } }
        set { state.withLock { $0.resources = newValue } }
    }

    /// The body of `GET /tenancy/api/v3/release-version`; the real shape is unknown (§8), this default is invented.
    public var releaseVersion: JSONValue {
        get { state.withLock { $0.releaseVersion } }
        set { state.withLock { $0.releaseVersion = newValue } }
    }

    /// When nothing matches, resources/minimal answers 200 with an empty body instead of `[]` (§7, PYOR's note).
    public var emptyBodyWhenNoResources: Bool {
        get { state.withLock { $0.emptyBodyWhenNoResources } }
        set { state.withLock { $0.emptyBodyWhenNoResources = newValue } }
    }

    /// resources/minimal answers with the §5 paging envelope instead of a bare array.
    public var minimalResourcesAsEnvelope: Bool {
        get { state.withLock { $0.minimalResourcesAsEnvelope } }
        set { state.withLock { $0.minimalResourcesAsEnvelope = newValue } }
    }

    /// Answers each GET of the API once and sends the same bytes to every later request for the same
    /// path and query (after the token check), so that a benchmark's reference is the wire and not
    /// the fake's own filtering and encoding (the fake is built for debugging). Changing any data
    /// served forgets the cached answers.
    public var cachesAnswers: Bool {
        get { state.withLock { $0.cachesAnswers } }
        set { state.withLock { $0.cachesAnswers = newValue } }
    }

    /// Answers sent from the cache of `cachesAnswers`.
    public var answersFromCache: Int { state.withLock { $0.answersFromCache } }

    // MARK: Authentication

    /// `expires_in` of new tokens, in seconds; tokens also stop working after it (default 7199, §2).
    public var tokenLifetime: Int {
        get { state.withLock { $0.tokenLifetime } }
        set { state.withLock { $0.tokenLifetime = newValue } }
    }

    /// Send `expires_in` as a string (`"7199"`), as the v2 spec's example does (§2).
    public var expiresInAsString: Bool {
        get { state.withLock { $0.expiresInAsString } }
        set { state.withLock { $0.expiresInAsString = newValue } }
    }

    /// Status for a missing, unknown or expired token: 407 as OpsRamp does, or 401 (§3).
    public var expiredTokenStatus: Int {
        get { state.withLock { $0.expiredTokenStatus } }
        set { state.withLock { $0.expiredTokenStatus = newValue } }
    }

    /// Every token issued so far becomes invalid.
    public func expireAllTokens() {
        state.withLock { $0.tokenExpiries.removeAll() }
    }

    /// Issues a token without a request, for tests that want to skip the token endpoint.
    public func issueToken() -> String {
        let token = UUID().uuidString.lowercased()
        state.withLock { state in
            state.tokenExpiries[token] = Date().addingTimeInterval(Double(state.tokenLifetime))
        }
        return token
    }

    // MARK: Latency and faults

    /// Seconds added before every answer (token and API).
    public var latency: Double {
        get { state.withLock { $0.latency } }
        set { state.withLock { $0.latency = newValue } }
    }

    /// Queues `fault` for the next `times` requests on `route` (FIFO; each matching request takes one).
    public func inject(_ fault: Fault, on route: Route, times: Int = 1) {
        guard times > 0 else { return }
        state.withLock { $0.faults[route, default: []].append(contentsOf: Array(repeating: fault, count: times)) }
    }

    // MARK: Observations

    /// Whether requests are kept for `requests` (default true); a long-running fake turns this off so
    /// that its memory does not grow with every request. The counters are kept either way.
    public var recordsRequests: Bool {
        get { state.withLock { $0.recordsRequests } }
        set { state.withLock { $0.recordsRequests = newValue } }
    }

    /// Paged searches refused with 429 because `FakeVariants.pagedSearchesPerMinute` was exceeded.
    public var throttledCount: Int { state.withLock { $0.throttledCount } }

    /// Every request received, in arrival order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// POSTs to either token path, successful or not (faulted ones included).
    public var tokenRequestCount: Int { state.withLock { $0.tokenRequestCount } }

    /// TCP connections accepted since `start()`; two requests on one keep-alive connection count once.
    public var acceptedConnectionCount: Int { state.withLock { $0.acceptedConnectionCount } }

    /// Requests held by a `.hang` fault whose client closed the connection (gave up or cancelled),
    /// as opposed to ones still waiting or ended by `stop()`.
    public var abandonedHangCount: Int { state.withLock { $0.abandonedHangCount } }

    /// Clears recorded requests, queued faults and the counters (token requests, accepted connections);
    /// keeps data, settings and issued tokens.
    public func reset() {
        state.withLock { state in
            state.requests.removeAll()
            state.tokenRequestCount = 0
            state.acceptedConnectionCount = 0
            state.faults.removeAll()
        }
    }
}
