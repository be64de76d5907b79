import Foundation
import OpsRampSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Log lines on their way to one descriptor (stderr or the log file), written by a thread of
/// their own so that no request ever waits for a log write.
///
/// On a pipe or socket (how hosts take stderr), a short line is written at once when nothing is
/// queued and the descriptor can take it without blocking (`poll` says so and the line fits in
/// `PIPE_BUF`, which the kernel writes whole): no thread hand-off per line, and still never a wait.
///
/// The queue is bounded: when the descriptor does not drain (a host that pipes stderr and
/// never reads it fills the pipe at 64 KiB), new lines are dropped and counted, and the count
/// is logged where the gap is once lines fit again. A descriptor that fails (closed, full disk)
/// drops everything from then on.
final class LogLineQueue: @unchecked Sendable {
    // @unchecked: every stored var below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var lines: [[UInt8]] = []
    private var queuedBytes = 0
    private var dropped = 0
    private var writing = false
    private var failed = false
    private var closed = false
    private let descriptor: Int32
    private let capacityBytes: Int
    private let closesDescriptor: Bool
    /// A pipe or socket, where a `poll`-checked short write cannot block.
    private let writesDirectly: Bool

    /// Lines dropped since the queue was created (for diagnostics and tests).
    private(set) var droppedTotal = 0

    init(descriptor: Int32, capacityBytes: Int = 256 * 1024, closesDescriptor: Bool = false, name: String) {
        self.descriptor = descriptor
        self.capacityBytes = capacityBytes
        self.closesDescriptor = closesDescriptor
        var status = stat()
        let kind = fstat(descriptor, &status) == 0 ? status.st_mode & S_IFMT : 0
        writesDirectly = kind == S_IFIFO || kind == S_IFSOCK
        self.name = name
    }

    private let name: String
    /// The writer thread, started by the first line that is queued rather than written at once.
    private var started = false

    /// Called with `condition` locked.
    private func startWriterIfNeeded() {
        guard !started else { return }
        started = true
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Queues one line (with its newline); never blocks.
    func enqueue(_ line: [UInt8]) {
        condition.lock()
        defer { condition.unlock() }
        guard !failed, !closed else { return }
        if writesDirectly, lines.isEmpty, !writing, dropped == 0, line.count <= Int(PIPE_BUF), Self.canWriteNow(descriptor) {
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written == line.count { return }
            if written < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                failed = true
                return
            }
            // Not taken (or, against PIPE_BUF's promise, taken in part): the writer thread sends the rest.
            let rest = Array(line.dropFirst(max(0, written)))
            lines.append(rest)
            queuedBytes += rest.count
            startWriterIfNeeded()
            condition.signal()
            return
        }
        var notice: [UInt8] = []
        if dropped > 0 {
            notice = Array("\(Timestamp.now()) warning [log] \(dropped) log line(s) dropped: this output was not being read\n".utf8)
        }
        guard queuedBytes + notice.count + line.count <= capacityBytes else {
            dropped += 1
            droppedTotal += 1
            return
        }
        if !notice.isEmpty {
            lines.append(notice)
            queuedBytes += notice.count
            dropped = 0
        }
        lines.append(line)
        queuedBytes += line.count
        startWriterIfNeeded()
        condition.signal()
    }

    /// Waits until every queued line is written (or the descriptor failed), up to `timeout`.
    @discardableResult
    func flush(timeout: Duration) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        condition.lock()
        defer { condition.unlock() }
        while (!lines.isEmpty || writing) && !failed {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    /// Stops accepting lines; the writer finishes what is queued, then closes the descriptor if it owns it.
    func close() {
        condition.lock()
        closed = true
        // Without a writer thread nothing is queued (lines only wait for one), so the descriptor is done with now.
        if !started && closesDescriptor { _ = Foundation.close(descriptor) }
        condition.broadcast()
        condition.unlock()
    }

    private static func canWriteNow(_ descriptor: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        return poll(&request, 1, 0) == 1 && request.revents & Int16(POLLOUT) != 0
    }

    private func run() {
        while true {
            condition.lock()
            while lines.isEmpty && !closed { condition.wait() }
            if lines.isEmpty && closed {
                condition.unlock()
                if closesDescriptor { Foundation.close(descriptor) }
                return
            }
            let batch = lines
            lines.removeAll(keepingCapacity: true)
            writing = true
            condition.unlock()

            var ok = true
            for line in batch where ok {
                // Blocking here is the point: only this thread waits for a slow reader.
                ok = DescriptorWriter.writeAll(line, to: descriptor)
            }

            condition.lock()
            writing = false
            queuedBytes -= batch.reduce(0) { $0 + $1.count }
            if !ok {
                failed = true
                lines.removeAll()
                queuedBytes = 0
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}
