import Foundation

/// Backpressure between stdin, the dispatcher and stdout.
///
/// A host that stops reading stdout but keeps writing requests would otherwise make the server
/// queue answers without bound. Past a limit of answers waiting to be written, or of requests
/// running, the dispatcher stops taking new lines; once a few lines are waiting for it, the stdin
/// reader stops reading; the host's own writes then block until it reads again.
public final class FlowControl: @unchecked Sendable {
    // @unchecked: every stored var below is read and written only while `condition` is locked.
    public struct Limits: Sendable {
        /// Bytes of answers queued for stdout (beyond what the pipe holds).
        var pendingOutputBytes: Int
        /// Tool calls running at once.
        var inFlightRequests: Int
        /// Lines read from stdin that the dispatcher has not taken yet.
        var bufferedInputLines: Int

        public init(pendingOutputBytes: Int = 4 * 1024 * 1024, inFlightRequests: Int = 256, bufferedInputLines: Int = 256) {
            self.pendingOutputBytes = pendingOutputBytes
            self.inFlightRequests = inFlightRequests
            self.bufferedInputLines = bufferedInputLines
        }
    }

    let limits: Limits
    private let condition = NSCondition()
    private var pendingOutputBytes = 0
    private var inFlight = 0
    private var bufferedLines = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    // MARK: stdout

    func outputQueued(_ bytes: Int) {
        condition.lock()
        pendingOutputBytes += bytes
        condition.unlock()
    }

    /// Bytes that left the queue, written or dropped.
    func outputDone(_ bytes: Int) {
        condition.lock()
        pendingOutputBytes = max(0, pendingOutputBytes - bytes)
        let ready = takeWaitersIfRoom()
        condition.unlock()
        for waiter in ready { waiter.resume() }
    }

    // MARK: dispatcher

    func requestStarted() {
        condition.lock()
        inFlight += 1
        condition.unlock()
    }

    func requestFinished() {
        condition.lock()
        inFlight = max(0, inFlight - 1)
        let ready = takeWaitersIfRoom()
        condition.unlock()
        for waiter in ready { waiter.resume() }
    }

    /// Returns when there is room for more work: at once in the common case.
    func waitForRoom() async {
        if roomNow() { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if hasRoom {
                condition.unlock()
                continuation.resume()
            } else {
                waiters.append(continuation)
                condition.unlock()
            }
        }
    }

    /// The dispatcher took a line from the reader.
    func lineTaken() {
        condition.lock()
        bufferedLines = max(0, bufferedLines - 1)
        condition.broadcast()
        condition.unlock()
    }

    // MARK: stdin reader

    func lineBuffered() {
        condition.lock()
        bufferedLines += 1
        condition.unlock()
    }

    /// Blocks the reader thread while enough lines wait for the dispatcher.
    func waitToRead() {
        condition.lock()
        while bufferedLines >= limits.bufferedInputLines { condition.wait() }
        condition.unlock()
    }

    /// For tests and diagnostics.
    var snapshot: (pendingOutputBytes: Int, inFlight: Int, bufferedLines: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (pendingOutputBytes, inFlight, bufferedLines)
    }

    private func roomNow() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return hasRoom
    }

    private var hasRoom: Bool {
        pendingOutputBytes < limits.pendingOutputBytes && inFlight < limits.inFlightRequests
    }

    private func takeWaitersIfRoom() -> [CheckedContinuation<Void, Never>] {
        guard hasRoom, !waiters.isEmpty else { return [] }
        defer { waiters.removeAll() }
        return waiters
    }
}
