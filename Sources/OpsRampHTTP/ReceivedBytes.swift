import Synchronization

/// Body bytes received by every transport of the process, and the decision to give freed memory
/// back to the system after large answers (see `MemoryReturnPolicy`).
public enum ReceivedBytes {
    static let total = Atomic<Int>(0)

    /// Body bytes received so far.
    public static var count: Int { total.load(ordering: .relaxed) }

    static func add(_ bytes: Int) {
        total.add(bytes, ordering: .relaxed)
    }
}

/// When freed memory is worth handing back: once at least `threshold` body bytes arrived since the
/// last time. glibc keeps what a large answer freed (parse trees, bodies) for reuse; a server that
/// answers one big question an hour should not hold on to it.
public struct MemoryReturnPolicy: Sendable, Equatable {
    var threshold: Int

    public init(threshold: Int = 512 * 1024) {
        self.threshold = threshold
    }

    /// True when `received` (the running total) is far enough past `lastReturnAt`.
    public func shouldReturn(received: Int, lastReturnAt: Int) -> Bool {
        received - lastReturnAt >= threshold
    }
}
