import OpsRampSecrets
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where log lines go: stderr always, a file when configured, and an optional observer
/// (the MCP layer uses it to forward messages to a client that asked for them).
///
/// stdout is never touched: it belongs to the protocol. Lines are queued for writer threads
/// (see `LogLineQueue`), so a reader that stops reading stderr costs log lines, never a request.
public final class LogBackend: Sendable {
    /// Receives every line that passes the level filter, already redacted, escaped and bounded.
    public typealias Observer = @Sendable (_ level: LogLevel, _ logger: String, _ message: String) -> Void

    private struct State {
        var level: LogLevel
        var file: LogLineQueue?
        var observer: Observer?
        /// The lowest level the observer wants now (it may want more than stderr gets); `nil` for none.
        var observerLevel: (@Sendable () -> LogLevel?)?
    }

    /// stderr is one per process, and so is its writer.
    static let standardError = LogLineQueue(descriptor: 2, name: "stderr-writer")

    private let state: Mutex<State>
    private let redactor: SecretRedactor
    private let standardError: LogLineQueue

    public convenience init(level: LogLevel = .info, redactor: SecretRedactor = .shared) {
        self.init(level: level, redactor: redactor, standardError: Self.standardError)
    }

    /// A backend whose "stderr" is another queue (for tests).
    init(level: LogLevel, redactor: SecretRedactor, standardError: LogLineQueue) {
        state = Mutex(State(level: level, file: nil, observer: nil, observerLevel: nil))
        self.redactor = redactor
        self.standardError = standardError
    }

    public var level: LogLevel {
        get { state.withLock { $0.level } }
        set { state.withLock { $0.level = newValue } }
    }

    /// Opens (or creates, owner read/write only) a log file and appends to it from now on.
    /// A symbolic link or anything but a regular file is refused: a log path in a shared or
    /// project-controlled place must not be turned into a write to some other file.
    public func openFile(atPath path: String) throws(LogFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            let number = errno
            // ENXIO: a FIFO nobody reads (O_NONBLOCK makes open fail rather than wait).
            throw LogFileError(path: path, reason: number == ELOOP ? .symbolicLink : number == ENXIO ? .notRegularFile : .system(number))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw LogFileError(path: path, reason: .notRegularFile)
        }
        // Opened non-blocking only so that a FIFO could not stall the open; writes may block (on their thread).
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        // An existing file keeps its mode on open(2); tighten it, since logs name hosts and ids.
        _ = fchmod(descriptor, 0o600)
        let queue = LogLineQueue(descriptor: descriptor, capacityBytes: 1024 * 1024, closesDescriptor: true, name: "logfile-writer")
        let old = state.withLock { current in
            defer { current.file = queue }
            return current.file
        }
        old?.close()
    }

    /// Also hands lines to `observer`, including lines below the stderr level down to what
    /// `minimumLevel` says the observer wants at the moment.
    public func setObserver(minimumLevel: @escaping @Sendable () -> LogLevel?, observer: @escaping Observer) {
        state.withLock {
            $0.observer = observer
            $0.observerLevel = minimumLevel
        }
    }

    /// Waits up to `timeout` for queued lines to reach stderr and the log file (before exiting).
    public func flush(timeout: Duration) {
        let file = state.withLock { $0.file }
        standardError.flush(timeout: timeout)
        file?.flush(timeout: timeout)
    }

    func isEnabled(_ level: LogLevel) -> Bool {
        let (stderrLevel, observerLevel) = state.withLock { ($0.level, $0.observerLevel) }
        if level >= stderrLevel { return true }
        guard let wanted = observerLevel?() else { return false }
        return level >= wanted
    }

    func emit(level: LogLevel, label: String, message: String) {
        // Cut first (with room for a secret that straddles the cut), then redact, then escape and bound.
        let bounded = LogText.precut(message, limit: LogText.maximumBytes + 4 * 1024)
        let clean = LogText.clean(redactor.redact(bounded))
        let (stderrLevel, file, observer) = state.withLock { ($0.level, $0.file, $0.observer) }
        if level >= stderrLevel {
            let requestPart = LogContext.requestID.map { " req=\(LogText.clean(redactor.redact(LogText.precut($0, limit: 200)), limit: 100))" } ?? ""
            var line = Array("\(Timestamp.now()) \(level) [\(label)]\(requestPart) \(clean)".utf8)
            line.append(0x0A)
            standardError.enqueue(line)
            file?.enqueue(line)
        }
        observer?(level, label, clean)
    }
}

/// A log file could not be opened.
public struct LogFileError: Error, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case symbolicLink
        case notRegularFile
        case system(Int32)
    }

    public let path: String
    public let reason: Reason

    public var description: String {
        switch reason {
        case .symbolicLink:
            // No setting is named here: configuration sits above logging, so the layer that opens the file adds it.
            "refusing log file \(path): it is a symbolic link"
        case .notRegularFile:
            "refusing log file \(path): it is not a regular file"
        case .system(let number):
            "cannot open log file \(path): \(String(cString: strerror(number)))"
        }
    }
}

/// A named handle for writing log lines; cheap to copy, safe to share.
public struct Logger: Sendable {
    public let label: String
    public let backend: LogBackend

    public init(label: String, backend: LogBackend) {
        self.label = label
        self.backend = backend
    }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard backend.isEnabled(level) else { return }
        backend.emit(level: level, label: label, message: message())
    }

    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func notice(_ message: @autoclosure () -> String) { log(.notice, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }

    /// A logger for a sub-component sharing this one's destination.
    public func child(_ label: String) -> Logger { Logger(label: label, backend: backend) }
}

/// Per-task context added to log lines.
public enum LogContext {
    /// The JSON-RPC id of the request being handled, if any.
    @TaskLocal public static var requestID: String?
}
