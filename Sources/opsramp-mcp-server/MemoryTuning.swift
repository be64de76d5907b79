import Dispatch
import OpsRampHTTP
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Process-wide memory settings.
enum MemoryTuning {
    /// glibc gives each busy thread its own malloc arena, and memory freed in one arena is not
    /// reused by another, so a large answer built on several threads leaves several copies'
    /// worth of resident memory. Two arenas cut the peak of a 1,000-alert answer by about a
    /// sixth (measured with the benchmark) without slowing it.
    ///
    /// `mallopt` is looked up at run time because Swift's Glibc module does not export
    /// `<malloc.h>`; on other C libraries it is absent and this does nothing.
    ///
    /// The mmap threshold is fixed too: glibc raises it after each large block it frees, after which
    /// large blocks (bodies, answers) come from the heap and stay there; at 64 KiB they are mapped
    /// and unmapped, so they leave when they are freed.
    static func limitMallocArenas(to arenas: Int32 = 2) {
        #if canImport(Glibc)
        typealias MalloptFunction = @convention(c) (Int32, Int32) -> Int32
        let mArenaMax: Int32 = -8 // M_ARENA_MAX in <malloc.h>
        let mMmapThreshold: Int32 = -3 // M_MMAP_THRESHOLD
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MalloptFunction.self)
        _ = mallopt(mArenaMax, arenas)
        _ = mallopt(mMmapThreshold, 64 * 1024)
        #endif
    }

    /// Gives the memory glibc holds free back to the system (`malloc_trim(0)`); looked up at run time
    /// like `mallopt`.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias TrimFunction = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: TrimFunction.self)(0)
        #endif
    }

    /// Counts the calls running (see `afterToolCall`).
    static let beforeToolCall: @Sendable () -> Void = {
        running.add(1, ordering: .relaxed)
    }

    /// After each tool call: once enough body bytes arrived since the last time (see `MemoryReturnPolicy`),
    /// freed memory is given back when the server is quiet (no call running or finished for 250 ms):
    /// trimming walks the whole heap, and a call that follows at once would have to fault the returned
    /// pages back in.
    static let afterToolCall: @Sendable () -> Void = {
        running.subtract(1, ordering: .relaxed)
        let finished = callsFinished.add(1, ordering: .relaxed).newValue
        let received = ReceivedBytes.count
        guard policy.shouldReturn(received: received, lastReturnAt: lastReturnAt.load(ordering: .relaxed)) else { return }
        lastReturnAt.store(received, ordering: .relaxed)
        guard returning.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        returnWhenQuiet(after: finished)
    }

    private static func returnWhenQuiet(after finished: Int) {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(250)) {
            let now = callsFinished.load(ordering: .relaxed)
            if now != finished || running.load(ordering: .relaxed) > 0 {
                returnWhenQuiet(after: now)
                return
            }
            returnFreedMemory()
            returning.store(false, ordering: .releasing)
        }
    }

    private static let policy = MemoryReturnPolicy()
    private static let lastReturnAt = Atomic<Int>(0)
    private static let returning = Atomic<Bool>(false)
    private static let callsFinished = Atomic<Int>(0)
    private static let running = Atomic<Int>(0)
}
