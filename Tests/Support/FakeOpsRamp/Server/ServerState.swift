import Foundation
import OpsRampJSON

/// Everything the fake serves, remembers and is configured with. It lives inside the
/// `Mutex` of `FakeOpsRamp`; nothing reads or writes it without holding that lock.
struct ServerState: Sendable {
    /// Where the server is in its life: a listener exists only while running.
    enum Phase: Sendable, Equatable {
        case idle
        case running(listener: Int32, port: Int)
        case stopped
    }

    // Data served; any change forgets the answers cached from the old data.
    var alerts: [JSONValue] = [] { didSet { answerCache.removeAll() } }
    var resources: [JSONValue] = [] { didSet { answerCache.removeAll() } }
    var releaseVersion: JSONValue = ["releaseVersion": "21.0.0", "patchVersion": "3"] { didSet { answerCache.removeAll() } }
    var emptyBodyWhenNoResources = false { didSet { answerCache.removeAll() } }
    var minimalResourcesAsEnvelope = false { didSet { answerCache.removeAll() } }
    var variants = FakeVariants() { didSet { answerCache.removeAll() } }
    /// Keep each GET answer and send it again for the same path and query (see `FakeOpsRamp.cachesAnswers`).
    var cachesAnswers = false { didSet { answerCache.removeAll() } }
    var answerCache: [String: HTTPResponse] = [:]
    var answersFromCache = 0

    // Authentication.
    var tokenLifetime = 7199
    var expiresInAsString = false
    var expiredTokenStatus = 407
    /// Issued tokens and the moment each stops being valid.
    var tokenExpiries: [String: Date] = [:]

    // Behaviour.
    var latency: Double = 0
    var faults: [Route: [Fault]] = [:]
    var rateLimit = RateLimitWindow(limit: 500)
    /// When each paged search of the last minute arrived (for `FakeVariants.pagedSearchesPerMinute`).
    var pagedSearchTimes: [Date] = []
    var throttledCount = 0

    // Observations.
    var recordsRequests = true
    var requests: [RecordedRequest] = []
    var tokenRequestCount = 0
    var acceptedConnectionCount = 0
    /// Hung requests whose client gave up and closed the connection.
    var abandonedHangCount = 0

    // Lifecycle.
    var phase: Phase = .idle
    /// Descriptors of open connections, so `stop()` can shut them down; each connection thread
    /// removes its own descriptor (under the lock) before closing it, so no reused number is touched.
    var connections: Set<Int32> = []

    /// Takes the next fault for a request: its route's own queue first, then the `.any` queue.
    mutating func takeFault(for route: Route?) -> Fault? {
        if let route, var queue = faults[route], !queue.isEmpty {
            let fault = queue.removeFirst()
            faults[route] = queue
            return fault
        }
        if var queue = faults[.any], !queue.isEmpty {
            let fault = queue.removeFirst()
            faults[.any] = queue
            return fault
        }
        return nil
    }

    func isValid(token: String, at now: Date) -> Bool {
        guard let expiry = tokenExpiries[token] else { return false }
        return now < expiry
    }
}
