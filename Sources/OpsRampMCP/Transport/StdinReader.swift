import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One unit of input from stdin.
public enum InputLine: Sendable {
    /// A complete line without its terminator (`\n` or `\r\n`).
    case message([UInt8])
    /// A line longer than the limit; its bytes were discarded as they arrived.
    case oversized(byteCount: Int)
}

/// Reads newline-delimited messages from a file descriptor on a dedicated thread.
///
/// `read(2)` blocks, so it must not run on the concurrency pool; this thread hands complete
/// lines to async code through an `AsyncStream`. A line over `maximumLineBytes` is not
/// buffered whole: its bytes are dropped as they come and only its length is reported,
/// so a multi-gigabyte line cannot exhaust memory.
public enum StdinReader {
    /// With `flow`, reading pauses while enough lines wait for the dispatcher (see `FlowControl`),
    /// so the stream never buffers more than a few lines and one read's worth.
    public static func lines(fileDescriptor: Int32 = 0, maximumLineBytes: Int, flow: FlowControl? = nil) -> AsyncStream<InputLine> {
        let (stream, continuation) = AsyncStream<InputLine>.makeStream(bufferingPolicy: .unbounded)
        let thread = Thread {
            readLoop(fileDescriptor: fileDescriptor, maximumLineBytes: maximumLineBytes, beforeRead: { flow?.waitToRead() }) { line in
                flow?.lineBuffered()
                continuation.yield(line)
            }
            continuation.finish()
        }
        thread.name = "stdin-reader"
        thread.start()
        return stream
    }

    /// The blocking loop; `deliver` is called once per line, in order. Returns at end of input.
    static func readLoop(fileDescriptor: Int32, maximumLineBytes: Int, beforeRead: () -> Void = {}, deliver: (InputLine) -> Void) {
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var pending: [UInt8] = []
        var discarding = false
        var discardedCount = 0

        func finishLine() {
            if discarding {
                deliver(.oversized(byteCount: discardedCount))
                discarding = false
                discardedCount = 0
            } else {
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                deliver(.message(pending))
            }
            pending = []
        }

        while true {
            beforeRead()
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(fileDescriptor, buffer.baseAddress, chunkSize)
            }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            if count == 0 { break }
            var start = 0
            while start < count {
                let newline = chunk[start..<count].firstIndex(of: UInt8(ascii: "\n"))
                let end = newline ?? count
                if discarding {
                    discardedCount += end - start
                } else if pending.count + (end - start) > maximumLineBytes {
                    discarding = true
                    discardedCount = pending.count + (end - start)
                    pending = []
                } else {
                    pending.append(contentsOf: chunk[start..<end])
                }
                if newline != nil {
                    finishLine()
                    start = end + 1
                } else {
                    start = end
                }
            }
        }
        // A last line without a trailing newline still counts.
        if discarding || !pending.isEmpty { finishLine() }
    }
}
