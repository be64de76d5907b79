import Foundation
import OpsRampSupport

/// Runs an action when a deadline passes, for many deadlines at once, from one thread of its own.
///
/// The transport bounds every exchange with a deadline. A timer per exchange (a dispatch source
/// created, armed and cancelled each time) costs several thread wake-ups per request; here adding
/// and removing a deadline only takes a lock. The thread sleeps until the earliest deadline it
/// knows of and is woken only when an earlier one arrives, so back-to-back requests, whose
/// deadlines come later and later, do not wake it at all: it wakes once per deadline period, finds
/// the exchange gone, and sleeps again.
final class DeadlineWatchdog: @unchecked Sendable {
    // @unchecked: every stored var below is read and written only while `condition` is locked.
    typealias Instant = ContinuousClock.Instant

    private struct Entry {
        let deadline: Instant
        let action: @Sendable () -> Void
    }

    private let condition = NSCondition()
    private var entries: [Int: Entry] = [:]
    /// What the thread sleeps for: `nil` while it is not sleeping, `.some(nil)` for no deadline at all.
    private var sleepingUntil: Instant??
    private var started = false
    private let name: String

    init(name: String) {
        self.name = name
    }

    /// Runs `action` (on the watchdog's thread) at `deadline`, unless `cancel(id)` comes first.
    func schedule(_ id: Int, at deadline: Instant, action: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        entries[id] = Entry(deadline: deadline, action: action)
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.name = name
            thread.start()
        }
        if case .some(let wakeAt) = sleepingUntil, wakeAt.map({ deadline < $0 }) ?? true {
            condition.signal()
        }
    }

    /// Forgets the deadline of `id`; its action will not run.
    func cancel(_ id: Int) {
        condition.lock()
        entries[id] = nil
        condition.unlock()
    }

    /// Deadlines not yet passed or cancelled (for tests).
    var pendingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return entries.count
    }

    private func run() {
        condition.lock()
        while true {
            let now = ContinuousClock.now
            var due: [@Sendable () -> Void] = []
            var earliest: Instant?
            for (id, entry) in entries {
                if entry.deadline <= now {
                    due.append(entry.action)
                    entries[id] = nil
                } else if earliest.map({ entry.deadline < $0 }) ?? true {
                    earliest = entry.deadline
                }
            }
            if !due.isEmpty {
                condition.unlock()
                for action in due { action() }
                condition.lock()
                continue
            }
            sleepingUntil = .some(earliest)
            if let earliest {
                // The wait takes a wall-clock date; the loop re-checks against the monotonic clock.
                _ = condition.wait(until: Date(timeIntervalSinceNow: max(0.001, (earliest - now).seconds)))
            } else {
                condition.wait()
            }
            sleepingUntil = nil
        }
    }
}
