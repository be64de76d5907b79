import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`, its stdio on pipes, reaped with `waitpid`: the one
/// way the tests start a program (the server, openssl, python, unshare, the benchmark's floors).
///
/// Foundation's `Process` on Linux can miss a child's exit and wait forever; reaping the
/// child ourselves cannot, and keeps the tests' timing checks honest.
public final class SpawnedProcess: @unchecked Sendable {
    // @unchecked: `pid` and the descriptors never change after init; `reaped` is only touched under `lock`.
    public let pid: pid_t
    public let stdinFD: Int32
    public let stdoutFD: Int32
    public let stderrFD: Int32
    private let lock = NSLock()
    private var reaped: Int32?

    /// Serialises pipe creation and spawning, so no child is spawned between `pipe` and `fcntl`.
    private static let spawnLock = NSLock()

    /// Starts `path` with exactly `environment` (nothing is inherited) in `directory`.
    public init(path: String, arguments: [String], environment: [String: String], directory: String) throws(SpawnError) {
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var fds: [Int32] = [0, 0]
            // Close-on-exec, so children spawned by other tests at the same moment do not inherit
            // (and hold open) this child's pipes; dup2 onto 0/1/2 clears the flag for this child.
            guard pipe(&fds) == 0 else {
                for fd in pipes.joined() { close(fd) }
                throw SpawnError("pipe failed")
            }
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
        for fd in pipes.joined() { posix_spawn_file_actions_addclose(&actions, fd) }
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
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, program, &actions, nil, argv, envp)
        close(pipes[0][0])
        close(pipes[1][1])
        close(pipes[2][1])
        guard status == 0 else {
            for fd in [pipes[0][1], pipes[1][0], pipes[2][0]] { close(fd) }
            throw SpawnError("cannot start \(path): \(String(cString: strerror(status)))")
        }
        pid = child
        stdinFD = pipes[0][1]
        stdoutFD = pipes[1][0]
        stderrFD = pipes[2][0]
    }

    /// The exit status once the child has ended (-1 for a signal), without blocking.
    public var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let reaped { return reaped }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        reaped = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        return reaped
    }

    public var isRunning: Bool { exitStatus == nil }

    public func kill(_ signal: Int32) {
        #if canImport(Glibc)
        if isRunning { Glibc.kill(pid, signal) }
        #else
        if isRunning { Darwin.kill(pid, signal) }
        #endif
    }

    /// Writes everything to the child's stdin, continuing partial and interrupted writes (the pipe
    /// is blocking: this side made it); false when the pipe is closed.
    @discardableResult
    public func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let written = write(stdinFD, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Reads `fd` to its end on the calling thread, handing each chunk to `consume`.
    public static func drain(_ fd: Int32, into consume: (ArraySlice<UInt8>) -> Void) {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65_536) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            consume(chunk[0..<count])
        }
    }

    /// Reads `fd` to its end on a thread of its own, then closes it when `closeAtEnd`, then calls `done`.
    public static func drainInBackground(
        _ fd: Int32, closeAtEnd: Bool = false, into consume: @escaping @Sendable (ArraySlice<UInt8>) -> Void,
        done: @escaping @Sendable () -> Void = {}
    ) {
        Thread {
            drain(fd, into: consume)
            if closeAtEnd { close(fd) }
            done()
        }.start()
    }
}

/// A child process that could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
