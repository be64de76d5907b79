#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where log lines go: stderr always, a file when configured, and an optional observer
/// (the MCP layer uses it to forward messages to a client that asked for them).
///
/// stdout is never touched: it belongs to the protocol.
public final class LogBackend: Sendable {
    /// Receives every line that passes the level filter, already redacted.
    public typealias Observer = @Sendable (_ level: LogLevel, _ logger: String, _ message: String) -> Void

    private struct State {
        var level: LogLevel
        var fileDescriptor: Int32?
        var observer: Observer?
        /// The lowest level the observer wants now (it may want more than stderr gets); `nil` for none.
        var observerLevel: (@Sendable () -> LogLevel?)?
    }

    private let state: Mutex<State>
    private let redactor: SecretRedactor

    public init(level: LogLevel = .info, redactor: SecretRedactor = .shared) {
        state = Mutex(State(level: level, fileDescriptor: nil, observer: nil, observerLevel: nil))
        self.redactor = redactor
    }

    public var level: LogLevel {
        get { state.withLock { $0.level } }
        set { state.withLock { $0.level = newValue } }
    }

    /// Opens (or creates, owner read/write only) a log file and appends to it from now on.
    public func openFile(atPath path: String) throws(LogFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogFileError(path: path, errorNumber: errno) }
        // An existing file keeps its mode on open(2); tighten it, since logs name hosts and ids.
        _ = fchmod(descriptor, 0o600)
        state.withLock { current in
            if let old = current.fileDescriptor { close(old) }
            current.fileDescriptor = descriptor
        }
    }

    /// Also hands lines to `observer`, including lines below the stderr level down to what
    /// `minimumLevel` says the observer wants at the moment.
    public func setObserver(minimumLevel: @escaping @Sendable () -> LogLevel?, _ observer: @escaping Observer) {
        state.withLock {
            $0.observer = observer
            $0.observerLevel = minimumLevel
        }
    }

    func isEnabled(_ level: LogLevel) -> Bool {
        let (stderrLevel, observerLevel) = state.withLock { ($0.level, $0.observerLevel) }
        if level >= stderrLevel { return true }
        guard let wanted = observerLevel?() else { return false }
        return level >= wanted
    }

    func emit(level: LogLevel, label: String, message: String) {
        let clean = redactor.redact(message).replacingNewlines()
        let (stderrLevel, file, observer) = state.withLock { ($0.level, $0.fileDescriptor, $0.observer) }
        if level >= stderrLevel {
            let requestPart = LogContext.requestID.map { " req=\($0)" } ?? ""
            let line = "\(Timestamp.now()) \(level) [\(label)]\(requestPart) \(clean)\n"
            Self.writeAll(line, to: 2)
            if let file { Self.writeAll(line, to: file) }
        }
        observer?(level, label, clean)
    }

    /// stderr closed, nobody draining it, or a full disk: the line is dropped, since logging must
    /// never hold up or take down the server.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        DescriptorWriter.writeAll(Array(text.utf8), to: descriptor, waitWhenFull: false)
    }
}

/// A log file could not be opened.
public struct LogFileError: Error, CustomStringConvertible {
    public let path: String
    public let errorNumber: Int32
    public var description: String {
        "cannot open log file \(path): \(String(cString: strerror(errorNumber)))"
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

extension String {
    /// One log entry is one line, whatever the message contains.
    fileprivate func replacingNewlines() -> String {
        guard contains(where: { $0.isNewline }) else { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }
}
