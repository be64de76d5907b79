import Foundation
import Synchronization
import Testing

@testable import OpsRampHTTP

@Suite("Deadline watchdog")
struct DeadlineWatchdogTests {
    /// Records when each action ran.
    final class Fired: Sendable {
        let times = Mutex<[Int: ContinuousClock.Instant]>([:])

        func action(_ id: Int) -> @Sendable () -> Void {
            { [self] in times.withLock { $0[id] = ContinuousClock.now } }
        }

        func waitFor(_ count: Int, timeout: Duration) async {
            let deadline = ContinuousClock.now + timeout
            while times.withLock({ $0.count }) < count, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    @Test("an action runs once its deadline has passed, not before")
    func firesAtDeadline() async {
        let watchdog = DeadlineWatchdog(name: "test-deadlines")
        let fired = Fired()
        let start = ContinuousClock.now
        watchdog.schedule(1, at: start + .milliseconds(200), action: fired.action(1))
        await fired.waitFor(1, timeout: .seconds(5))
        let at = fired.times.withLock { $0[1] }
        #expect(at.map { $0 - start >= .milliseconds(200) } == true)
        #expect(at.map { $0 - start < .seconds(2) } == true)
        #expect(watchdog.pendingCount == 0)
    }

    @Test("a cancelled deadline never runs its action and is forgotten")
    func cancelled() async throws {
        let watchdog = DeadlineWatchdog(name: "test-deadlines")
        let fired = Fired()
        watchdog.schedule(1, at: ContinuousClock.now + .milliseconds(100), action: fired.action(1))
        watchdog.cancel(1)
        #expect(watchdog.pendingCount == 0)
        try await Task.sleep(for: .milliseconds(300))
        #expect(fired.times.withLock { $0.isEmpty })
    }

    @Test("an earlier deadline added while the thread sleeps for a later one runs on time")
    func earlierDeadlineWakes() async {
        let watchdog = DeadlineWatchdog(name: "test-deadlines")
        let fired = Fired()
        let start = ContinuousClock.now
        watchdog.schedule(1, at: start + .seconds(30), action: fired.action(1))
        watchdog.schedule(2, at: start + .milliseconds(100), action: fired.action(2))
        await fired.waitFor(1, timeout: .seconds(5))
        let times = fired.times.withLock { $0 }
        #expect(times[2].map { $0 - start < .seconds(2) } == true)
        #expect(times[1] == nil)
        #expect(watchdog.pendingCount == 1)
        watchdog.cancel(1)
    }

    @Test("many deadlines: each runs once, in any order, and none is left")
    func many() async {
        let watchdog = DeadlineWatchdog(name: "test-deadlines")
        let fired = Fired()
        let start = ContinuousClock.now
        for id in 0..<200 {
            watchdog.schedule(id, at: start + .milliseconds(50 + (id * 37) % 300), action: fired.action(id))
        }
        await fired.waitFor(200, timeout: .seconds(5))
        #expect(fired.times.withLock { $0.count } == 200)
        #expect(watchdog.pendingCount == 0)
    }
}
