import Dispatch
import Foundation
import OpsRampJSON
import OpsRampSecrets
import OpsRampSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Anything that accepts outgoing protocol messages.
public protocol MessageSink: Sendable {
    func send(_ message: JSONValue)
    /// A message already written as one compact JSON document (`JSONWriter`'s bytes of it), so that a
    /// large answer is not encoded twice. Sinks that only take values get it parsed back.
    func send(encoded message: [UInt8])
}

extension MessageSink {
    func send(encoded message: [UInt8]) {
        send((try? JSONParser.parse(message)) ?? .null)
    }
}

/// Writes protocol messages to stdout, one compact JSON line each, from a dedicated thread.
/// Every line passes the secret redactor first.
///
/// Callers only enqueue, so a host that reads slowly never blocks a task of the concurrency
/// pool; the single writer thread means lines never interleave. When the reader goes away
/// (`EPIPE`), queued and future messages are dropped and `onClosed` runs once.
public final class StdoutWriter: MessageSink, @unchecked Sendable {
    // @unchecked: every stored var below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var writing = false
    private var closed = false
    private let fileDescriptor: Int32
    private let onClosed: @Sendable () -> Void
    private let redactor: SecretRedactor
    private let flow: FlowControl?

    /// `flow` learns how many bytes wait to be written, so that input stops while too many do.
    public init(
        fileDescriptor: Int32 = 1, redactor: SecretRedactor = .shared, flow: FlowControl? = nil,
        onClosed: @escaping @Sendable () -> Void = {}
    ) {
        self.fileDescriptor = fileDescriptor
        self.redactor = redactor
        self.flow = flow
        self.onClosed = onClosed
    }

    /// The writer thread, started by the first line that cannot be written at once (most answers
    /// never need it; see `send`). Called with `condition` locked.
    private var started = false

    private func startWriterIfNeeded() {
        guard !started else { return }
        started = true
        let thread = Thread { [self] in run() }
        thread.name = "stdout-writer"
        thread.start()
    }

    public func send(_ message: JSONValue) {
        send(encoded: JSONWriter.bytes(message))
    }

    public func send(encoded message: [UInt8]) {
        // The last stop before the host: no secret leaves in any form, whatever produced the message.
        var line = redactor.redactJSON(message)
        line.append(UInt8(ascii: "\n"))
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return }
        // Fast path: with nothing queued, a short line that the pipe can take right now is written
        // here, saving a thread hand-off per answer. Only when poll(2) reports room and the line
        // fits in one pipe buffer (PIPE_BUF) is write(2) certain not to block this task's thread.
        if queue.isEmpty, !writing, line.count <= Int(PIPE_BUF), Self.canWriteNow(fileDescriptor) {
            if !writeAll(line) {
                closed = true
                DispatchQueue.global().async { [onClosed] in onClosed() }
            }
            return
        }
        queue.append(line)
        flow?.outputQueued(line.count)
        startWriterIfNeeded()
        condition.signal()
    }

    private static func canWriteNow(_ descriptor: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        return poll(&request, 1, 0) == 1 && request.revents & Int16(POLLOUT) != 0
    }

    /// Waits until every queued message is written (or the pipe closed), up to `timeout`.
    @discardableResult
    public func flush(timeout: Duration) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        condition.lock()
        defer { condition.unlock() }
        while (!queue.isEmpty || writing) && !closed {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            writing = true
            condition.unlock()

            var ok = true
            for line in batch where ok {
                ok = writeAll(line)
            }

            condition.lock()
            writing = false
            let justClosed = !ok && !closed
            var done = batch.reduce(0) { $0 + $1.count }
            if !ok {
                closed = true
                done += queue.reduce(0) { $0 + $1.count }
                queue.removeAll()
            }
            condition.broadcast()
            condition.unlock()
            flow?.outputDone(done)
            if justClosed { onClosed() }
        }
    }

    /// One `write(2)` per line where possible; see `DescriptorWriter`.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        DescriptorWriter.writeAll(bytes, to: fileDescriptor)
    }
}
