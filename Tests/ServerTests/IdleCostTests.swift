import FakeOpsRamp
import Foundation
import OpsRampJSON
import Testing

@Suite("Process: idle cost")
struct IdleCostTests {
    /// CPU seconds (user + system) the process has used, from /proc.
    func cpuSeconds(_ pid: pid_t) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14, stime 15 (1-based over the whole line).
        let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU seconds the server uses over 2 s while one request waits on a server that never answers.
    func idleCPU(workaround: Bool) async throws -> Double {
        let listener = try SilentListener()
        defer { listener.close() }
        var environment = [
            "OPSRAMP_BASE_URL": "http://127.0.0.1:\(listener.port)", "OPSRAMP_CLIENT_ID": "id",
            "OPSRAMP_CLIENT_SECRET": "idle-test-secret", "OPSRAMP_TENANT_ID": "client_1", "OPSRAMP_REQUEST_TIMEOUT": "30",
        ]
        if !workaround { environment["OPSRAMP_MCP_CURL_WORKAROUND"] = "off" }
        let server = try ServerProcess(environment: environment)
        try await server.initialize()
        server.send(#"{"jsonrpc":"2.0","id":"waiting","method":"tools/call","params":{"name":"get_release_version","arguments":{}}}"#)
        try await Task.sleep(for: .milliseconds(300))
        let before = cpuSeconds(server.processIdentifier)
        try await Task.sleep(for: .seconds(2))
        return cpuSeconds(server.processIdentifier) - before
    }

    @Test(
        "a request waiting on a silent server costs (almost) no CPU",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat"), "reads the server's CPU time from /proc (Linux)"))
    func waitingIsCheap() async throws {
        let used = try await idleCPU(workaround: true)
        print("CPU used by the server over 2 s of waiting: \(used) s")
        #expect(used < 0.3, "the server used \(used) CPU-seconds in 2 s while waiting")
    }

    /// Says when the socket shim (Sources/CurlSocketWorkaround/README.md) can go: it expects the busy loop without it.
    @Test(
        "without the workaround, corelibs URLSession still spins while a request waits (else: remove the workaround)",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat"), "reads the server's CPU time from /proc (Linux)"))
    func busyLoopWithoutWorkaround() async throws {
        let used = try await idleCPU(workaround: false)
        print("CPU used by the server over 2 s of waiting, workaround off: \(used) s")
        #expect(
            used >= 0.3,
            """
            upstream fixed the busy loop on \(Self.toolchain): the workaround can go \
            (the server used only \(used) CPU-seconds in 2 s while waiting without it; see Sources/CurlSocketWorkaround/README.md)
            """)
    }

    /// The Swift and libcurl versions the test ran with, for its message.
    static var toolchain: String {
        #if compiler(>=6.4)
        let swift = "Swift 6.4 or later"
        #elseif compiler(>=6.3.1)
        let swift = "Swift 6.3.1 or a later 6.3"
        #else
        let swift = "Swift before 6.3.1"
        #endif
        return "\(swift), \(libcurlVersion)"
    }

    /// libcurl's own version line (first word, e.g. "libcurl/7.88.1"), from the library URLSession loads.
    static var libcurlVersion: String {
        guard let library = dlopen("libcurl.so.4", RTLD_LAZY) else { return "libcurl (version unknown)" }
        defer { dlclose(library) }
        guard let symbol = dlsym(library, "curl_version") else { return "libcurl (version unknown)" }
        let curlVersion = unsafeBitCast(symbol, to: (@convention(c) () -> UnsafePointer<CChar>?).self)
        guard let text = curlVersion() else { return "libcurl (version unknown)" }
        return String(cString: text).split(separator: " ").first.map(String.init) ?? "libcurl (version unknown)"
    }
}
