import Foundation
import Synchronization
import TestChildProcess

@testable import OpsRampJSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `opsramp-mcp-server` binary, started as an MCP host would start it, with
/// everything it writes captured for assertions: the MCP-speaking layer over `SpawnedProcess`.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: `child` is set in init and only used through its own thread-safe API;
    // captured output lives in Mutex-protected buffers; `nextID` is used by one test task.
    let child: SpawnedProcess
    private let stdoutBuffer = SharedBytes()
    private let stderrBuffer = SharedBytes()
    private let openReaders = SharedCounter(2)
    private var nextID = 1000

    /// The binary next to the test bundle (`.build/<config>/opsramp-mcp-server`), or `OPSRAMP_MCP_BINARY`.
    static var binaryURL: URL {
        if let override = ProcessInfo.processInfo.environment["OPSRAMP_MCP_BINARY"] { return URL(fileURLWithPath: override) }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("opsramp-mcp-server")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/opsramp-mcp-server")
    }

    /// Starts the server with exactly `environment` (nothing inherited, so no developer
    /// settings leak into a test) and `arguments`. `readStdout: false` leaves stdout unread,
    /// so that a test can close it as a departing host would; `readStderr: false` leaves stderr
    /// unread, as a host that pipes it and never looks would. `launcher` (a program and its
    /// arguments, which must end by exec'ing the binary named after them) starts it instead, e.g. in
    /// another namespace.
    init(
        environment: [String: String] = [:], arguments: [String] = [], workingDirectory: URL? = nil,
        readStdout: Bool = true, readStderr: Bool = true, launcher: [String] = []
    ) throws {
        var env = environment
        env["PATH"] = env["PATH"] ?? "/usr/bin:/bin"
        let command = launcher + [Self.binaryURL.path] + arguments
        child = try SpawnedProcess(
            path: command[0], arguments: Array(command.dropFirst()), environment: env,
            directory: (workingDirectory ?? FileManager.default.temporaryDirectory).path)
        if readStdout {
            startReader(child.stdoutFD, into: stdoutBuffer)
        } else {
            openReaders.decrement()
        }
        if readStderr {
            startReader(child.stderrFD, into: stderrBuffer)
        } else {
            openReaders.decrement()
        }
    }

    var processIdentifier: pid_t { child.pid }

    private func startReader(_ descriptor: Int32, into buffer: SharedBytes) {
        let readers = openReaders
        SpawnedProcess.drainInBackground(descriptor, into: { buffer.append($0) }, done: { readers.decrement() })
    }

    // MARK: - Writing

    func send(_ line: String) {
        write(Array(line.utf8) + [0x0A])
    }

    func send(_ message: JSONValue) {
        send(JSONWriter.string(message))
    }

    func write(_ bytes: [UInt8]) {
        child.writeAll(bytes)
    }

    func closeStdin() {
        close(child.stdinFD)
    }

    /// A fresh numeric id.
    func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// Sends a request and waits for the response with the same id.
    @discardableResult
    func request(_ method: String, params: JSONValue? = nil, timeout: Double = 10) async throws -> JSONValue {
        let id = makeID()
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        message.setIfPresent("params", params)
        send(.object(message))
        return try await response(id: .int(id), timeout: timeout)
    }

    /// `initialize` + `notifications/initialized`; returns the initialize result.
    @discardableResult
    func initialize(version: String = "2025-06-18") async throws -> JSONValue {
        let response = try await request(
            "initialize",
            params: [
                "protocolVersion": .string(version), "capabilities": [:], "clientInfo": ["name": "server-tests", "version": "1"],
            ])
        send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        return response["result"] ?? .null
    }

    /// Calls a tool and returns its result object.
    func callTool(_ name: String, _ arguments: JSONValue = [:], timeout: Double = 30) async throws -> JSONValue {
        let response = try await request("tools/call", params: ["name": .string(name), "arguments": arguments], timeout: timeout)
        guard let result = response["result"] else { throw HarnessError("tools/call \(name) got no result: \(response)") }
        return result
    }

    // MARK: - Reading

    /// Complete lines written to stdout so far.
    var stdoutLines: [String] {
        let bytes = stdoutBuffer.value
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        lines.removeLast() // the part after the last newline is not a complete line yet
        return lines
    }

    var stdoutBytes: [UInt8] { stdoutBuffer.value }

    var stderrText: String { String(decoding: stderrBuffer.value, as: UTF8.self) }

    /// Every stdout line parsed; a line that is not JSON fails the harness.
    func messages() throws -> [JSONValue] {
        try stdoutLines.map { line in
            do { return try JSONParser.parse(line) } catch { throw HarnessError("stdout line is not JSON: \(line.prefix(200))") }
        }
    }

    func response(id: JSONValue, timeout: Double = 10) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while ContinuousClock.now < deadline {
            if let found = try messages().first(where: { $0["id"] == id && $0["method"] == nil }) { return found }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw HarnessError("no response with id \(id) within \(timeout) s; stderr:\n\(stderrText.suffix(2000))")
    }

    /// Waits until `count` stdout lines exist.
    func waitForLines(_ count: Int, timeout: Double = 10) async throws -> [String] {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while stdoutLines.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        return stdoutLines
    }

    /// Waits for the process to exit; returns its status, or nil on timeout.
    func waitForExit(timeout: Double) async -> Int32? {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while child.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if child.isRunning { return nil }
        // Let the readers drain what the process wrote before it exited.
        let drainDeadline = ContinuousClock.now + .seconds(2)
        while openReaders.value > 0, ContinuousClock.now < drainDeadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
        return child.exitStatus
    }

    /// Peak resident memory so far, in kB (`VmHWM`), while the process runs; `nil` where there
    /// is no /proc (macOS), so memory limits are checked on Linux only.
    var peakMemoryKB: Int? {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/\(child.pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
        #else
        return nil
        #endif
    }

    func terminate() {
        child.kill(SIGKILL)
        _ = child.exitStatus
    }

    deinit {
        terminate()
    }
}

extension ServerProcess {
    /// Starts reading stdout late, for a process started with `readStdout: false` (a host that paused).
    func startReadingStdout() {
        startReader(child.stdoutFD, into: stdoutBuffer)
    }

    /// Closes the test's read end of the server's stdout, as a host that went away would.
    func closeStdoutReadEnd() {
        close(child.stdoutFD)
    }
}
