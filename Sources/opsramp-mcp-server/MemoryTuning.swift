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
    static func limitMallocArenas(to arenas: Int32 = 2) {
        #if canImport(Glibc)
        typealias MalloptFunction = @convention(c) (Int32, Int32) -> Int32
        let mArenaMax: Int32 = -8 // M_ARENA_MAX in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MalloptFunction.self)(mArenaMax, arenas)
        #endif
    }
}
