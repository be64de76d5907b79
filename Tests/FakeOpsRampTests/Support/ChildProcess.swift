#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a program to completion with `posix_spawn` and `waitpid`, with a deadline.
///
/// Foundation's `Process.waitUntilExit()` on Linux occasionally misses a child's exit and
/// waits forever; reaping the child ourselves cannot miss it.
enum ChildProcess {
    /// The exit status and standard output, or `nil` when the program could not start or
    /// was still running at the deadline (it is then killed).
    static func run(_ path: String, arguments: [String], timeout: Double = 20) -> (status: Int32, output: String)? {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("fake-opsramp-child-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return nil
            }
            usleep(10_000)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        return (exitStatus, output)
    }
}
