import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Running a program to its end: stdin closed at once, stdout kept, stderr read and dropped, and a
/// program still running at the deadline killed.
extension SpawnedProcess {
    /// The exit status (-1 when it could not start, was killed at the deadline, or died of a signal)
    /// and stdout, waiting without blocking a thread.
    public static func run(
        _ path: String, _ arguments: [String], environment: [String: String],
        directory: String = FileManager.default.temporaryDirectory.path, timeout: Duration
    ) async -> (Int32, String) {
        guard let child = try? SpawnedProcess(path: path, arguments: arguments, environment: environment, directory: directory) else {
            return (-1, "")
        }
        let (output, readers) = child.collectOutput()
        let deadline = ContinuousClock.now + timeout
        while child.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if child.isRunning {
            child.kill(SIGKILL)
            while child.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
        while readers.value > 0 { try? await Task.sleep(for: .milliseconds(5)) }
        return (child.exitStatus ?? -1, String(decoding: output.value, as: UTF8.self))
    }

    /// The exit status (-1 for a signal) and stdout, blocking the calling thread; `nil` when the program
    /// could not start or was still running at the deadline (it is then killed). For callers that
    /// cannot wait asynchronously, such as a static initialiser.
    public static func runBlocking(
        _ path: String, _ arguments: [String], environment: [String: String],
        directory: String = FileManager.default.currentDirectoryPath,
        timeout: Duration
    ) -> (status: Int32, output: String)? {
        guard let child = try? SpawnedProcess(path: path, arguments: arguments, environment: environment, directory: directory) else {
            return nil
        }
        let (output, readers) = child.collectOutput()
        let deadline = ContinuousClock.now + timeout
        while child.isRunning {
            guard ContinuousClock.now < deadline else {
                child.kill(SIGKILL)
                while child.isRunning { usleep(1_000) }
                return nil
            }
            usleep(10_000)
        }
        while readers.value > 0 { usleep(1_000) }
        return (child.exitStatus ?? -1, String(decoding: output.value, as: UTF8.self))
    }

    /// Closes stdin and reads stdout (kept) and stderr (dropped) to their ends on threads of their
    /// own; the counter reaches 0 when both have ended and been closed.
    private func collectOutput() -> (SharedBytes, SharedCounter) {
        close(stdinFD)
        let output = SharedBytes()
        let readers = SharedCounter(2)
        Self.drainInBackground(stdoutFD, closeAtEnd: true, into: { output.append($0) }, done: { readers.decrement() })
        Self.drainInBackground(stderrFD, closeAtEnd: true, into: { _ in }, done: { readers.decrement() })
        return (output, readers)
    }
}
