import OpsRampJSON
import OpsRampLogging
import Synchronization

/// Sends log lines to the client as `notifications/message` when it asked for them:
/// with `logging/setLevel` in a handshake session, or per request with `_meta` logLevel
/// in the stateless revision (and never for a stateless request that did not ask).
final class ClientLogForwarder: Sendable {
    private let sink: MessageSink
    private let sessionLevel = Mutex<LogLevel?>(nil)

    /// Whose log level applies to the running task.
    enum Audience: Sendable {
        /// A handshake session: the level the client set with `logging/setLevel`, if any.
        case session
        /// A stateless request: the level in its own `_meta`, or `nil` when it asked for no logs.
        case statelessRequest(LogLevel?)
    }

    /// `.statelessRequest` while a stateless request runs.
    @TaskLocal static var audience: Audience = .session

    init(sink: MessageSink) {
        self.sink = sink
    }

    func attach(to backend: LogBackend) {
        backend.setObserver(
            minimumLevel: { [weak self] in self?.lowestWantedLevel },
            observer: { [weak self] level, logger, message in
                self?.forward(level: level, logger: logger, message: message)
            })
    }

    func setSessionLevel(_ level: LogLevel) {
        sessionLevel.withLock { $0 = level }
    }

    /// The lowest level any client may want right now; the backend skips work below it.
    private var lowestWantedLevel: LogLevel? {
        switch Self.audience {
        case .session: sessionLevel.withLock { $0 }
        case .statelessRequest(let level): level
        }
    }

    private func forward(level: LogLevel, logger: String, message: String) {
        guard !Task.isCancelled else { return } // no more messages for a cancelled request
        guard let wanted = lowestWantedLevel, level >= wanted else { return }
        sink.send(
            OutgoingMessage.notification(
                method: ServerNotification.message.rawValue,
                params: ["level": .string(level.description), "logger": .string(logger), "data": .string(message)]))
    }
}
