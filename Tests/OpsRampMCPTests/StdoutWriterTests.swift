import Foundation
import OpsRampJSON
import Synchronization
import Testing

@testable import OpsRampMCP

#if canImport(Glibc)
import Glibc
#endif

@Suite("stdout writer")
struct StdoutWriterTests {
    /// A pipe whose read end the test drains on its own thread.
    final class Drain: @unchecked Sendable {
        // @unchecked: `bytes` is only touched under `lock`.
        let readEnd: Int32
        let writeEnd: Int32
        private let lock = NSLock()
        private var bytes: [UInt8] = []

        init() {
            var fds: [Int32] = [0, 0]
            _ = pipe(&fds)
            readEnd = fds[0]
            writeEnd = fds[1]
        }

        func start() {
            let fd = readEnd
            Thread { [self] in
                var chunk = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65_536) }
                    if count <= 0 { break }
                    lock.lock()
                    bytes.append(contentsOf: chunk[0..<count])
                    lock.unlock()
                }
            }.start()
        }

        var lines: [String] {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    @Test("small and large messages from many tasks arrive whole, one per line, none lost")
    func concurrentWriters() async throws {
        let drain = Drain()
        drain.start()
        let writer = StdoutWriter(fileDescriptor: drain.writeEnd)
        await withTaskGroup(of: Void.self) { group in
            for sender in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        // Alternate short lines (the direct path) and 100 kB lines (the writer thread).
                        let padding = String(repeating: "x", count: index % 10 == 0 ? 100_000 : 10)
                        writer.send(["sender": .int(sender), "index": .int(index), "padding": .string(padding)])
                    }
                }
            }
        }
        #expect(writer.flush(timeout: .seconds(10)))
        try await Task.sleep(for: .milliseconds(200))
        let lines = drain.lines
        #expect(lines.count == 1_600)
        let parsed = lines.compactMap { try? JSONParser.parse($0) }
        #expect(parsed.count == 1_600)
        for sender in 0..<8 {
            // One sender's messages keep their order.
            let indexes = parsed.filter { $0["sender"]?.intValue == sender }.compactMap { $0["index"]?.intValue }
            #expect(indexes == Array(0..<200))
        }
    }

    @Test("when the reader goes away, onClosed runs once and later messages are dropped quietly")
    func closedPipe() async throws {
        signal(SIGPIPE, SIG_IGN) // as the server does in main: a closed pipe must be an error, not a signal
        let drain = Drain()
        let closedCount = Mutex(0)
        let writer = StdoutWriter(fileDescriptor: drain.writeEnd, onClosed: { closedCount.withLock { $0 += 1 } })
        close(drain.readEnd)
        for index in 0..<50 { writer.send(["index": .int(index), "padding": .string(String(repeating: "y", count: 10_000))]) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(closedCount.withLock { $0 } == 1)
        #expect(writer.flush(timeout: .seconds(1)))
    }
}
