import Dispatch
import OpsRampLogging
import OpsRampMCP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM and SIGINT end the process promptly, after a short flush of pending answers.
///
/// Each signal gets a real handler, which only writes the signal's number to a pipe; a dispatch
/// read source on the pipe logs, flushes and exits. Ignoring the signals and watching them with a
/// dispatch signal source, as this did before, lost about one SIGTERM in thirty (measured): the
/// kernel may hand a process-directed signal to any thread that does not block it, such as the main
/// thread parked in dispatch's `sigsuspend`, and an ignored signal is discarded there before the
/// source sees it. A handler runs on whichever thread receives the signal. The pipe is watched by
/// dispatch's own event thread, so no thread waits for a signal that may never come.
final class SignalHandlers {
    private let writer: StdoutWriter
    private let logger: Logger
    private var source: DispatchSourceRead?

    init(writer: StdoutWriter, logger: Logger) {
        self.writer = writer
        self.logger = logger
    }

    func install() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            logger.warning("cannot create the signal pipe (errno \(errno)); SIGTERM and SIGINT end the process without a flush")
            return
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        SignalPipe.writeEnd = ends[1]
        let readEnd = ends[0]
        let writer = self.writer
        let logger = self.logger
        let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        source.setEventHandler {
            var number: UInt8 = 0
            guard read(readEnd, &number, 1) == 1 else { return }
            logger.info("received \(Int32(number) == SIGTERM ? "SIGTERM" : "SIGINT"); exiting")
            writer.flush(timeout: .milliseconds(200))
            logger.backend.flush(timeout: .milliseconds(200))
            exit(0)
        }
        source.resume()
        self.source = source
        for number in [SIGTERM, SIGINT] { signal(number, SignalPipe.handler) }
    }
}

/// What the signal handler may touch: a descriptor set before the handler is installed, and
/// `write`, which is async-signal-safe.
enum SignalPipe {
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    static let handler: @convention(c) (Int32) -> Void = { number in
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(SignalPipe.writeEnd, &byte, 1)
    }
}
