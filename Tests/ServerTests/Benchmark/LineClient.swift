import Foundation
import TestChildProcess

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking, line-at-a-time client for a spawned process, for timing round trips precisely
/// (the test harness's polling `ServerProcess` is too coarse for sub-millisecond numbers).
final class LineClient: @unchecked Sendable {
    // @unchecked: `lines` and `closed` are only touched while `condition` is locked.
    let child: SpawnedProcess
    private let condition = NSCondition()
    private var lines: [String] = []
    private var closed = false

    /// `launcher` (a program and its arguments, e.g. a profiler) runs `path` for it.
    init(
        path: String, arguments: [String] = [], environment: [String: String], directory: String = NSTemporaryDirectory(),
        launcher: [String] = []
    ) throws {
        var env = environment
        env["PATH"] = env["PATH"] ?? "/usr/bin:/bin"
        let command = launcher + [path] + arguments
        child = try SpawnedProcess(path: command[0], arguments: Array(command.dropFirst()), environment: env, directory: directory)
        let stdout = child.stdoutFD
        let stderr = child.stderrFD
        Thread { [self] in
            // Only each new chunk is searched for line ends, so a 1 MB answer costs one pass
            // (this harness is built in debug mode, where rescanning would dominate the timing).
            var pending: [UInt8] = []
            SpawnedProcess.drain(stdout) { chunk in
                var complete: [String] = []
                var lineStart = chunk.startIndex
                for index in chunk.indices where chunk[index] == 0x0A {
                    pending.append(contentsOf: chunk[lineStart..<index])
                    complete.append(String(decoding: pending, as: UTF8.self))
                    pending.removeAll(keepingCapacity: true)
                    lineStart = index + 1
                }
                pending.append(contentsOf: chunk[lineStart...])
                guard !complete.isEmpty else { return }
                condition.lock()
                lines.append(contentsOf: complete)
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            closed = true
            condition.broadcast()
            condition.unlock()
        }.start()
        SpawnedProcess.drainInBackground(stderr, into: { _ in })
    }

    func send(_ line: String) {
        child.writeAll(Array(line.utf8) + [0x0A])
    }

    /// Blocks until the next line arrives; `nil` at end of output or after `timeout` seconds.
    func nextLine(timeout: Double = 60) -> String? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while lines.isEmpty && !closed {
            if !condition.wait(until: deadline) { return nil }
        }
        return lines.isEmpty ? nil : lines.removeFirst()
    }

    /// Sends `line` and blocks for the answer; returns it and the round trip in seconds.
    func roundTrip(_ line: String) -> (String?, Double) {
        let started = DispatchTime.now().uptimeNanoseconds
        send(line)
        let answer = nextLine()
        return (answer, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }

    /// Peak resident memory so far in kB (`VmHWM`).
    var peakMemoryKB: Int { memoryKB("VmHWM:") }

    /// Resident memory now in kB (`VmRSS`).
    var currentMemoryKB: Int { memoryKB("VmRSS:") }

    private func memoryKB(_ field: String) -> Int {
        Self.statusField(field, in: "/proc/\(child.pid)/status")
    }

    /// Times the process's threads have blocked so far (voluntary context switches, summed over the
    /// threads alive now): each is a wake-up later. Threads that ended are not counted.
    var threadSwitches: Int {
        Self.threadSwitches(of: child.pid)
    }

    static func threadSwitches(of pid: pid_t) -> Int {
        let tasks = "/proc/\(pid)/task"
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
        return threads.reduce(0) { $0 + statusField("voluntary_ctxt_switches:", in: "\(tasks)/\($1)/status") }
    }

    /// A number field of a `/proc/.../status` file; 0 when absent (and on systems without `/proc`).
    static func statusField(_ field: String, in path: String) -> Int {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0
        }
        return 0
        #else
        return 0 // the benchmark runs on Linux; there is no /proc elsewhere
        #endif
    }

    /// Closes stdin and waits for the process to end.
    func finish() {
        close(child.stdinFD)
        let deadline = Date(timeIntervalSinceNow: 5)
        while child.isRunning && Date() < deadline { usleep(2_000) }
        child.kill(SIGKILL)
    }
}

/// Order statistics of a sample, in seconds.
struct Sample {
    let values: [Double]

    init(_ values: [Double]) {
        self.values = values.sorted()
    }

    func percentile(_ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let index = min(values.count - 1, Int((Double(values.count - 1) * fraction).rounded()))
        return values[index]
    }

    var median: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
}
