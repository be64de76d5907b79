#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// A child process started with `posix_spawn`, its stdio on pipes, reaped with `waitpid`.
///
/// Foundation's `Process` on Linux can miss a child's exit and wait forever; reaping the
/// child ourselves cannot, and keeps the tests' timing checks honest.
final class SpawnedProcess: @unchecked Sendable {
    // @unchecked: `pid` and the descriptors never change after init; `reaped` is only touched under `lock`.
    let pid: pid_t
    let stdinFD: Int32
    let stdoutFD: Int32
    let stderrFD: Int32
    private let lock = NSLock()
    private var reaped: Int32?

    /// Serialises pipe creation and spawning, so no child is spawned between `pipe` and `fcntl`.
    private static let spawnLock = NSLock()

    init(path: String, arguments: [String], environment: [String: String], directory: String) throws {
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var fds: [Int32] = [0, 0]
            // Close-on-exec, so children spawned by other tests at the same moment do not inherit
            // (and hold open) this child's pipes; dup2 onto 0/1/2 clears the flag for this child.
            guard pipe(&fds) == 0 else { throw HarnessError("pipe failed") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            pipes.append(fds)
        }
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0)
        posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipes[2][1], 2)
        for fds in pipes { for fd in fds { posix_spawn_file_actions_addclose(&actions, fd) } }
        #if canImport(Glibc)
        // GNU `env -C` sets the working directory: glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift.
        let program = "/usr/bin/env"
        let argv = (["/usr/bin/env", "-C", directory, path] + arguments).map { strdup($0) } + [nil]
        #else
        // macOS's env has no -C, but its posix_spawn can change directory itself (macOS 10.15 and later).
        posix_spawn_file_actions_addchdir_np(&actions, directory)
        let program = path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        #endif
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, program, &actions, nil, argv, envp)
        close(pipes[0][0])
        close(pipes[1][1])
        close(pipes[2][1])
        guard status == 0 else {
            [pipes[0][1], pipes[1][0], pipes[2][0]].forEach { close($0) }
            throw HarnessError("cannot start \(path): \(String(cString: strerror(status)))")
        }
        pid = child
        stdinFD = pipes[0][1]
        stdoutFD = pipes[1][0]
        stderrFD = pipes[2][0]
    }

    /// The exit status once the child has ended (-1 for a signal), without blocking.
    var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let reaped { return reaped }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        reaped = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        return reaped
    }

    var isRunning: Bool { exitStatus == nil }

    func kill(_ signal: Int32) {
        #if canImport(Glibc)
        if isRunning { Glibc.kill(pid, signal) }
        #else
        if isRunning { Darwin.kill(pid, signal) }
        #endif
    }

    /// Writes everything to the child's stdin (see `DescriptorWriter`); false when the pipe is closed.
    @discardableResult
    func writeAll(_ bytes: [UInt8]) -> Bool {
        DescriptorWriter.writeAll(bytes, to: stdinFD)
    }

    /// Reads `fd` to its end on the calling thread, handing each chunk to `consume`.
    static func drain(_ fd: Int32, into consume: (ArraySlice<UInt8>) -> Void) {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65_536) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            consume(chunk[0..<count])
        }
    }

    /// Runs a program to its end and returns its status and stdout (stderr is discarded).
    static func run(_ path: String, _ arguments: [String], environment: [String: String], timeout: Double) async -> (Int32, String) {
        guard let child = try? SpawnedProcess(path: path, arguments: arguments, environment: environment,
                                              directory: FileManager.default.temporaryDirectory.path) else { return (-1, "") }
        close(child.stdinFD)
        let output = SharedBytes()
        let readers = SharedCounter(2)
        for (fd, keep) in [(child.stdoutFD, true), (child.stderrFD, false)] {
            let thread = Thread {
                drain(fd) { if keep { output.append($0) } }
                close(fd)
                readers.decrement()
            }
            thread.start()
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
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
}
