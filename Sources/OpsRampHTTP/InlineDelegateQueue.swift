import Foundation

/// The session's delegate queue, running each delegate call at once on the thread URLSession
/// makes it from (its own serial queue), instead of handing it to another thread.
///
/// On Linux every delegate call (response, each piece of body, completion) is an operation on
/// this queue; an ordinary `OperationQueue` wakes a thread for each, two or three hand-offs per
/// request for work that takes a lock and appends bytes. `Exchanges` is written for this: its
/// callbacks only take a short lock and never block.
///
/// The rule for any delegate code: never control a task synchronously from a callback. `cancel()`,
/// `suspend()`, `resume()` and setting `priority` wait for URLSession's queue, the one the callback
/// runs on, and would stop the whole session; `Exchanges.finish` cancels from another thread, and
/// an authentication challenge is declined from another thread too (declining cancels the task).
final class InlineDelegateQueue: OperationQueue, @unchecked Sendable {
    // @unchecked: no state of its own; operations run on the caller's thread.
    override init() {
        super.init()
        name = "http-transport"
        maxConcurrentOperationCount = 1
    }

    override func addOperation(_ operation: Operation) {
        operation.start()
    }

    override func addOperation(_ block: @escaping @Sendable () -> Void) {
        block()
    }

    override func addOperations(_ operations: [Operation], waitUntilFinished wait: Bool) {
        for operation in operations { operation.start() }
    }
}
