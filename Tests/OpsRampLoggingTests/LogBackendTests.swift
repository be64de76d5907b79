import Foundation
import Testing

@testable import OpsRampLogging
@testable import OpsRampSecrets

#if canImport(Glibc)
import Glibc
#endif

@Suite("Log backend", .serialized)
struct LogBackendTests {
    func temporaryPath(_ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logging-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    @Test("a reader that never drains: logging returns at once, lines are dropped and counted, the count is logged later")
    func neverDrained() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let queue = LogLineQueue(descriptor: fds[1], capacityBytes: 16 * 1024, closesDescriptor: true, name: "test-writer")
        let backend = LogBackend(level: .debug, redactor: SecretRedactor(), standardError: queue)
        let logger = Logger(label: "test", backend: backend)
        let started = ContinuousClock.now
        for index in 0..<20_000 { logger.debug("line \(index) " + String(repeating: "x", count: 100)) }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(queue.droppedTotal > 10_000)

        // Drain the pipe: what was queued arrives, and a later line brings the drop count with it.
        let flags = fcntl(fds[0], F_GETFL)
        _ = fcntl(fds[0], F_SETFL, flags | O_NONBLOCK)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            let count = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, 65_536) }
            if count > 0 { received += buffer[0..<count] } else { usleep(5_000) }
            if received.count > 64 * 1024, String(decoding: received, as: UTF8.self).contains("dropped") { break }
            if count <= 0 { logger.info("after the gap") }
        }
        let text = String(decoding: received, as: UTF8.self)
        #expect(text.contains("line 0 "))
        #expect(text.contains("log line(s) dropped: this output was not being read"))
    }

    @Test("the log file may not be a symbolic link or a FIFO; a regular file is created owner-only")
    func logFileSafety() throws {
        let target = try temporaryPath("target.log")
        _ = FileManager.default.createFile(atPath: target, contents: nil)
        let link = try temporaryPath("link.log")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let backend = LogBackend(level: .info, redactor: SecretRedactor(), standardError: LogLineQueue(descriptor: -1, name: "unused"))
        #expect(throws: LogFileError.self) { try backend.openFile(atPath: link) }
        do { try backend.openFile(atPath: link) } catch { #expect(error.reason == .symbolicLink) }

        let fifo = try temporaryPath("fifo.log")
        #expect(mkfifo(fifo, 0o600) == 0)
        do { try backend.openFile(atPath: fifo) } catch { #expect(error.reason == .notRegularFile) }

        let fresh = try temporaryPath("fresh.log")
        try backend.openFile(atPath: fresh)
        Logger(label: "test", backend: backend).info("hello \u{1B}[2J world")
        backend.flush(timeout: .seconds(2))
        let attributes = try FileManager.default.attributesOfItem(atPath: fresh)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let contents = try String(contentsOfFile: fresh, encoding: .utf8)
        #expect(contents.contains("hello \\x1B[2J world"))
    }
}

@Suite("Log line queue on a pipe")
struct LogLineQueuePipeTests {
    @Test("lines written at once and lines queued behind a full pipe arrive whole and in order")
    func orderKept() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let queue = LogLineQueue(descriptor: fds[1], capacityBytes: 1024 * 1024, closesDescriptor: true, name: "test-writer")
        // More than a pipe holds (64 KiB), so the first lines go straight in and the rest wait for the writer thread.
        for index in 0..<3_000 { queue.enqueue(Array("line \(index) \(String(repeating: "x", count: 80))\n".utf8)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // The writer closes the pipe once everything queued is written, which ends the reading below.
        let flusher = Thread {
            queue.flush(timeout: .seconds(10))
            queue.close()
        }
        flusher.start()
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, 65_536) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let lines = String(decoding: received, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3_000)
        #expect(lines.enumerated().allSatisfy { $0.element.hasPrefix("line \($0.offset) ") })
        #expect(queue.droppedTotal == 0)
    }
}
